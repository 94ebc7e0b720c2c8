//! `zoeken.html` renders with tera 2 on a minimal base template and the documented context:
//! it extends base.html, links its assets by fingerprinted name, and has no inline script or style.

use serde_json::json;

const BASE: &str = "<!doctype html><html><head><title>{% block title %}{% endblock title %}</title>{% block head %}{% endblock head %}</head>\
<body><header><form role=\"search\" action=\"{{ site.base_url }}zoeken/\"><input name=\"q\" id=\"zoekveld\"></form></header>\
<main>{% block content %}{% endblock content %}</main>{% block scripts %}<script src=\"{{ site.base_url }}base.js\"></script>{% endblock scripts %}</body></html>";

#[test]
fn search_page_renders_on_the_base_template() {
    let page = include_str!("../themes/default/templates/zoeken.html");
    let mut tera = tera::Tera::default();
    tera.add_raw_templates(vec![("base.html", BASE), ("zoeken.html", page)])
        .unwrap();
    let mut context = tera::Context::new();
    context.insert(
        "site",
        &json!({
            "title": "Handboek",
            "base_url": "/intranet/handboek/",
            "assets": {"zoeken/zoeken.js": "/intranet/handboek/static/zoeken/zoeken.abc123.js",
                       "zoeken/zoeken.css": "/intranet/handboek/static/zoeken/zoeken.def456.css"},
        }),
    );
    let html = tera.render("zoeken.html", &context).unwrap();
    for needle in [
        "<title>Zoeken – Handboek</title>",
        "id=\"zoekveld\"",
        "id=\"zoekpagina-veld\"",
        "id=\"zoek-facetten\"",
        "id=\"zoek-resultaten\"",
        "src=\"/intranet/handboek/static/zoeken/zoeken.abc123.js\"",
        "data-zoek-index=\"/intranet/handboek/zoeken/index/\"",
        "href=\"/intranet/handboek/static/zoeken/zoeken.def456.css\"",
        "base.js",
    ] {
        assert!(html.contains(needle), "missing {needle} in\n{html}");
    }
    assert!(
        !html.contains(" style="),
        "no style attributes under the CSP"
    );
    assert!(
        !html.contains("<script>"),
        "no inline scripts under the CSP"
    );
}
