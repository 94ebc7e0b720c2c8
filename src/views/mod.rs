//! Views: pages made from the whole site rather than from one source (functieprofielen,
//! comparisons, matrices, per level and per role).

use crate::diagnostics::Problem;
use crate::render::{AssetUrls, OutputFile, Renderer};
use crate::site::Site;

/// Render every view page.
pub fn render(
    _site: &Site,
    _renderer: &Renderer,
    _assets: &AssetUrls,
) -> (Vec<OutputFile>, Vec<Problem>) {
    (Vec::new(), Vec::new())
}
