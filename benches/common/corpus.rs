//! A generator of synthetic handbook corpora for benchmarks: N pages across nested sections,
//! Dutch-like text with headings, lists, tables and links, front matter with levels and roles.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

const WORDS: &[&str] = &[
    "inwoner",
    "netwerk",
    "wijkcoach",
    "ondersteuning",
    "gesprek",
    "plan",
    "gezin",
    "schulden",
    "jeugdhulp",
    "veiligheid",
    "eigen",
    "kracht",
    "zelfregie",
    "buurt",
    "team",
    "afspraak",
    "begeleiding",
    "beleid",
    "gemeente",
    "voorziening",
    "maatwerk",
    "signaal",
    "vraag",
    "doel",
    "werkbegeleider",
    "regie",
    "samenwerking",
    "huisarts",
    "school",
    "mantelzorg",
    "wonen",
    "financiën",
    "werk",
    "inkomen",
    "participatie",
    "hulpverlening",
    "schuldhulpverlening",
    "de",
    "het",
    "een",
    "en",
    "van",
    "met",
    "voor",
    "naar",
    "over",
    "bij",
    "om",
    "dat",
    "die",
    "wij",
    "zij",
    "samen",
    "altijd",
    "soms",
    "goed",
    "lichte",
    "zware",
    "nieuwe",
    "eerste",
    "bespreekt",
    "maakt",
    "zoekt",
    "helpt",
    "vraagt",
    "kijkt",
    "werkt",
    "legt",
    "vast",
    "wijkteammedewerker",
    "arbeidsmarktbeleid",
    "veilig",
    "thuis",
    "meldcode",
    "intervisie",
    "reflectie",
    "kernbeslissing",
    "expertise",
    "casus",
    "dilemma",
    "afweging",
    "risico",
];

/// A small deterministic generator (xorshift), so every run writes the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
}

const CONFIG: &str = "title: Benchmarkhandboek\nlanguage: nl\nbase_url: /\nniveaus:\n  - {id: A, name: Niveau A}\n  - {id: B, name: Niveau B}\n  - {id: C, name: Niveau C}\n  - {id: D, name: Niveau D}\nrollen:\n  - {id: wijkcoach, name: Wijkcoach}\n  - {id: hr-adviseur, name: HR-adviseur}\n  - {id: werkbegeleider, name: Werkbegeleider}\n  - {id: wijkteammanager, name: Wijkteammanager}\nsearch:\n  synonyms:\n    - [mpop, plan van de inwoner]\n";

/// Pages per folder: sections stay small, as in a real handbook.
const PER_SECTION: usize = 50;

/// Write a corpus of `pages` pages (about 630 words each) under `root`. Returns the page paths.
pub fn generate(root: &Path, pages: usize) -> io::Result<Vec<PathBuf>> {
    let _ = fs::remove_dir_all(root);
    fs::create_dir_all(root)?;
    fs::write(root.join("handbook.yaml"), CONFIG)?;
    fs::write(
        root.join("_index.md"),
        "---\ntitle: Benchmarkhandboek\nsamenvatting: Een gegenereerd handboek.\n---\nWelkom.\n",
    )?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let sections = pages.div_ceil(PER_SECTION);
    let mut written = Vec::with_capacity(pages);
    for s in 0..sections {
        let part = s / 10;
        let dir = root
            .join(format!("deel-{part:03}"))
            .join(format!("hoofdstuk-{s:04}"));
        fs::create_dir_all(&dir)?;
        if s % 10 == 0 {
            fs::write(
                root.join(format!("deel-{part:03}")).join("_index.md"),
                format!(
                    "---\ntitle: Deel {part}\nsamenvatting: Deel {part} van het handboek.\nvolgorde: {part}\n---\nOverzicht van deel {part}.\n"
                ),
            )?;
        }
        fs::write(
            dir.join("_index.md"),
            format!(
                "---\ntitle: Hoofdstuk {s}\nsamenvatting: Hoofdstuk {s}.\nvolgorde: {s}\n---\nDit hoofdstuk gaat over {}.\n",
                rng.word()
            ),
        )?;
        let in_section = PER_SECTION.min(pages - s * PER_SECTION);
        for n in 0..in_section {
            let path = dir.join(format!("pagina-{n:03}.md"));
            fs::write(&path, page(&mut rng, s, n, in_section))?;
            written.push(path);
        }
    }
    Ok(written)
}

/// The "wide" shape: `pages` pages in one folder `map/` (the size of folder people bring from a
/// wiki or a generated reference), each about 630 words, or a title and one sentence when `tiny`.
/// Returns the page paths.
pub fn generate_wide(root: &Path, pages: usize, tiny: bool) -> io::Result<Vec<PathBuf>> {
    let _ = fs::remove_dir_all(root);
    let dir = root.join("map");
    fs::create_dir_all(&dir)?;
    fs::write(root.join("handbook.yaml"), CONFIG)?;
    fs::write(
        root.join("_index.md"),
        "---\ntitle: Benchmarkhandboek\nsamenvatting: Een gegenereerd handboek.\n---\nWelkom.\n",
    )?;
    fs::write(
        dir.join("_index.md"),
        "---\ntitle: Map\nsamenvatting: Een grote map.\n---\nAlle pagina's van de map.\n",
    )?;
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut written = Vec::with_capacity(pages);
    for n in 0..pages {
        let path = dir.join(format!("pagina-{n:03}.md"));
        let text = if tiny {
            format!(
                "---\ntitle: Pagina {n} over {}\nvolgorde: {n}\n---\n{}\n",
                rng.word(),
                sentence(&mut rng, 10)
            )
        } else {
            page(&mut rng, 0, n, pages)
        };
        fs::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        let w = rng.word();
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            s.push_str(w);
        }
    }
    s.push('.');
    s
}

fn page(rng: &mut Rng, section: usize, n: usize, in_section: usize) -> String {
    let levels = ["A", "B", "C", "D"];
    let roles = [
        "wijkcoach",
        "hr-adviseur",
        "werkbegeleider",
        "wijkteammanager",
    ];
    let mut out = String::with_capacity(5000);
    let _ = writeln!(out, "---\ntitle: Pagina {section}.{n} over {}", rng.word());
    let _ = writeln!(out, "samenvatting: {}", sentence(rng, 12));
    let _ = writeln!(out, "volgorde: {n}");
    let _ = writeln!(out, "vanaf: {}", levels[rng.below(4)]);
    let _ = writeln!(
        out,
        "rollen: [{}, {}]",
        roles[rng.below(2)],
        roles[2 + rng.below(2)]
    );
    let _ = writeln!(out, "tags: [{}, {}]\n---\n", rng.word(), rng.word());
    for h in 0..5 {
        if h == 0 {
            out.push_str("## Kopje 0\n\n");
        } else {
            let _ = writeln!(out, "## Kopje {h} over {}\n", rng.word());
        }
        for _ in 0..2 {
            let mut para = String::new();
            for _ in 0..5 {
                let len = 8 + rng.below(6);
                para.push_str(&sentence(rng, len));
                para.push(' ');
            }
            let _ = writeln!(out, "{}\n", para.trim_end());
        }
        match h {
            1 => {
                for _ in 0..4 {
                    let _ = writeln!(out, "- {}", sentence(rng, 6));
                }
                out.push('\n');
            }
            2 => {
                let _ = writeln!(out, "| Onderwerp | Afspraak |\n| --- | --- |");
                for _ in 0..3 {
                    let _ = writeln!(out, "| {} | {} |", rng.word(), sentence(rng, 5));
                }
                out.push('\n');
            }
            3 => {
                let other = (n + 1 + rng.below(in_section.max(2) - 1)) % in_section.max(1);
                let _ = writeln!(
                    out,
                    "Zie ook [pagina {other}](pagina-{other:03}.md#kopje-0) en [het hoofdstuk](_index.md).\n"
                );
            }
            4 => {
                let _ = writeln!(out, "::: niveau vanaf=C\n{}\n:::\n", sentence(rng, 10));
            }
            _ => {}
        }
    }
    out
}
