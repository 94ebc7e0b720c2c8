//! Which change leads to which work, on the small `serve-basic` fixture.

use std::path::Path;

use super::*;

fn world() -> World {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve-basic/handbook");
    let out = tempfile::tempdir().unwrap();
    World::load(&root, out.path()).unwrap()
}

fn index(w: &World, id: &str) -> usize {
    w.site.by_id[id]
}

/// `id` edited without changing what other pages show of it (a body edit).
fn body_edit(w: &World, id: &str) -> Dirty {
    let mut dirty = Dirty::default();
    dirty
        .pages
        .insert(id.into(), affected::shape(&w.site, index(w, id)));
    dirty
}

#[test]
fn nothing_dirty_means_no_work() {
    let w = world();
    let p = plan(&Dirty::default(), &w);
    assert!(p.pages.is_empty());
    assert!(!p.all && !p.content);
    assert_eq!(p.views, ViewsWork::Untouched);
    assert_eq!(p.css, None);
    assert!(p.removed_assets.is_empty());
}

#[test]
fn a_body_edit_renders_that_page_and_leaves_the_views() {
    let w = world();
    let p = plan(&body_edit(&w, "handboek/eerste"), &w);
    assert_eq!(p.pages, [index(&w, "handboek/eerste")]);
    assert!(p.content && !p.all);
    assert_eq!(p.views, ViewsWork::Untouched);
}

#[test]
fn a_front_matter_edit_renders_its_neighbours_and_the_views_later() {
    let w = world();
    let mut dirty = body_edit(&w, "handboek/eerste");
    dirty.pages.get_mut("handboek/eerste").unwrap().yaml = "title: Oude titel\n".into();
    let p = plan(&dirty, &w);
    assert!(p.pages.contains(&index(&w, "handboek/eerste")));
    assert!(
        p.pages.contains(&index(&w, "handboek/tweede")),
        "the next page shows its title"
    );
    assert!(!p.all && p.content);
    assert_eq!(p.views, ViewsWork::Later);
}

#[test]
fn the_views_round_renders_only_the_views() {
    let w = world();
    let dirty = Dirty {
        views: true,
        ..Dirty::default()
    };
    let p = plan(&dirty, &w);
    assert!(p.pages.is_empty());
    assert!(!p.content);
    assert_eq!(p.views, ViewsWork::Now);
}

#[test]
fn a_template_edit_renders_the_pages_using_it_and_the_views_now() {
    let w = world();
    let mut dirty = Dirty::default();
    dirty.templates.insert("apart.html".into());
    let p = plan(&dirty, &w);
    assert_eq!(p.pages, [index(&w, "handboek/tweede")]);
    assert!(p.content && !p.all);
    assert_eq!(p.views, ViewsWork::Now);
}

#[test]
fn a_template_others_extend_renders_every_page() {
    let w = world();
    let mut dirty = Dirty::default();
    dirty.templates.insert("page.html".into());
    let p = plan(&dirty, &w);
    assert!(p.all);
    assert_eq!(p.pages.len(), w.site.pages.len());
    assert_eq!(p.views, ViewsWork::Now);
}

#[test]
fn a_stylesheet_that_moved_is_swapped_and_every_page_rendered() {
    let mut w = world();
    let css = w
        .assets
        .0
        .iter()
        .find(|(name, _)| name.ends_with(".css"))
        .map(|(n, u)| (n.clone(), u.clone()))
        .unwrap();
    w.published_assets.0.insert(css.0.clone(), "oud.css".into());
    let mut dirty = Dirty::default();
    dirty.statics.insert(css.0.clone());
    let p = plan(&dirty, &w);
    assert_eq!(p.css, Some(vec![("oud.css".to_string(), css.1)]));
    assert_eq!(p.removed_assets, ["oud.css"]);
    assert!(p.all && p.content);
}

#[test]
fn a_stylesheet_that_kept_its_name_needs_no_page() {
    let w = world();
    let mut dirty = Dirty::default();
    dirty.statics.insert("style.css".into());
    let p = plan(&dirty, &w);
    assert_eq!(p.css, None);
    assert!(p.pages.is_empty() && !p.all && !p.content);
    assert_eq!(p.views, ViewsWork::Untouched);
}

#[test]
fn a_script_that_moved_is_no_stylesheet_swap() {
    let mut w = world();
    let js = w
        .assets
        .0
        .keys()
        .find(|name| name.ends_with(".js"))
        .cloned()
        .unwrap();
    w.published_assets.0.insert(js.clone(), "oud.js".into());
    let mut dirty = Dirty::default();
    dirty.statics.insert(js);
    let p = plan(&dirty, &w);
    assert_eq!(p.css, None);
    assert!(p.all);
}
