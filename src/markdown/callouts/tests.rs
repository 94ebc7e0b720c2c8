use proptest::prelude::*;

use super::*;

fn opened(body: &str) -> Transformed {
    transform(body).expect("an admonition")
}

#[test]
fn admonition_body_leaves_its_indentation() {
    let body = "Voor\n!!! note \"Let hierop\"\n    Eerste *regel*.\n\n    Tweede.\nNa\n";
    let t = opened(body);
    assert_eq!(t.text, "Voor\n\nEerste *regel*.\n\nTweede.\n\nNa\n");
    assert_eq!(t.markers.len(), 2);
    assert!(
        t.markers[0].1.contains("role=\"note\""),
        "{}",
        t.markers[0].1
    );
    assert!(t.markers[0].1.contains(">Let hierop</p>"));
    assert_eq!(t.markers[1].1, "</div>\n");
    // Offsets lead back to the source.
    let at = t.text.find("Tweede").unwrap();
    assert_eq!(t.map.original(at), body.find("Tweede").unwrap());
}

#[test]
fn collapsible_and_nested_admonitions() {
    let t = opened("??? warning\n    Buiten\n\n    ???+ tip \"Binnen\"\n        Diep\n");
    let html: Vec<&str> = t.markers.iter().map(|(_, h)| h.as_str()).collect();
    assert!(html[0].starts_with("<details class=\"callout callout-warning\">"));
    assert!(html[0].contains("<summary class=\"callout-titel\">Waarschuwing</summary>"));
    assert!(html[1].starts_with("<details class=\"callout callout-tip\" open>"));
    assert_eq!(&html[2..], ["</details>\n", "</details>\n"]);
    assert!(t.text.contains("\nDiep\n") && !t.text.contains("    "));
}

#[test]
fn fenced_code_and_indented_code_stay_as_they_are() {
    assert!(transform("```\n!!! note\n    code\n```\n").is_none());
    assert!(transform("    !!! note\n        code\n").is_none());
    assert!(transform("Tekst met !!! erin\n").is_none());
    assert!(transform("!!! Warning: niet doen\n").is_none());
}

#[test]
fn empty_title_and_unknown_type() {
    let t = opened("!!! note \"\"\n    x\n\n!!! kader\n    y\n");
    assert!(!t.markers[0].1.contains("callout-titel"));
    assert!(t.markers[2].1.contains(">Kader</p>"));
}

#[test]
fn tabs_show_their_title() {
    let t = opened("=== \"Linux\"\n    apt install\n\n=== \"Mac\"\n    brew\n");
    assert!(t.markers[0].1.contains("tabblad-titel\">Linux<"));
    assert!(t.markers[2].1.contains(">Mac<"));
}

proptest! {
    #[test]
    fn any_text_transforms_without_panic(body in "(\\PC{0,12}|!!! note|\\?\\?\\?\\+? tip \"T\"|    |\t|===|```|\n){0,40}") {
        if let Some(t) = transform(&body) {
            let mut last = 0;
            for (o, _) in &t.markers {
                prop_assert!(*o <= t.text.len() && *o >= last);
                last = *o;
            }
            for at in 0..=t.text.len() {
                prop_assert!(t.map.original(at) <= body.len() + t.text.len());
            }
            let opens = t.markers.iter().filter(|(_, h)| !h.starts_with("</")).count();
            prop_assert_eq!(opens * 2, t.markers.len());
        }
    }
}
