//! Test and benchmark corpora: a small handbook-like fixture and a generator of Dutch-like pages.
//! Included with `#[path]` by the tests and benches that need it; not part of the library.
#![allow(dead_code)]

use handboek::search::{SearchSection, SearchSettings};

/// Sentences the fixture and the generator combine.
const SENTENCES: &[&str] = &[
    "De wijkcoach stelt samen met de inwoner het plan van de inwoner op.",
    "Bij schuldhulpverlening werkt de wijkcoach samen met de gemeente en het voorliggend veld.",
    "Goede hulpverlening begint bij de vraag van de inwoner en zijn netwerk.",
    "Het arbeidsmarktbeleid van de gemeente bepaalt welke re-integratie mogelijk is.",
    "Het beleid vraagt om een zorgvuldige afweging van eigen kracht en zelfregie.",
    "Een wijkteammedewerker bespreekt kernbeslissingen altijd met een collega.",
    "Elke medewerker houdt de registratie in het dossier bij.",
    "Bij zorgen over veiligheid volgt de coach de meldcode huiselijk geweld.",
    "Veilig Thuis adviseert wanneer er signalen van kindermishandeling zijn.",
    "De financiën van het gezin zijn vaak de eerste zorg bij budgetcoaching.",
    "Werkbegeleiding helpt nieuwe collega's hun rol te vinden in het team.",
    "De begeleiding van een zorgmijder vraagt geduld en bemoeizorg.",
    "Een maatwerkvoorziening wordt pas ingezet als het voorliggend veld niet volstaat.",
    "Intervisie en supervisie versterken het vakmanschap van de coaches.",
    "De gegevens van de inwoner worden alleen gedeeld met toestemming.",
    "Jeugdzorg en schuldhulp hebben soms tegengestelde prioriteiten.",
    "Het wat-werkt-gesprek brengt de dilemma's van het team op tafel.",
    "De sociale kaart laat zien welke organisaties in de wijk actief zijn.",
    "Een multidisciplinair overleg (MDO) brengt alle betrokken partijen samen.",
    "De werkbegeleider geeft feedback op de ontwikkeling van de coach.",
    "Participatie en migratie vragen om kennis van de arbeidsmarkt.",
    "Een psychiatrisch ziektebeeld of verslaving maakt de situatie complexer.",
    "De HR-adviseur gebruikt het functieprofiel in gesprekken over groei.",
    "De wijkteammanager bewaakt de kwaliteit van het werkproces.",
];

/// Level and role ids of the fixture.
pub fn settings() -> SearchSettings {
    SearchSettings {
        synonyms: vec![
            vec!["mpop".into(), "plan van de inwoner".into()],
            vec!["mdo".into(), "multidisciplinair overleg".into()],
        ],
        levels: ["A", "B", "C", "D"].map(String::from).to_vec(),
        roles: [
            "wijkcoach",
            "hr-adviseur",
            "werkbegeleider",
            "wijkteammanager",
        ]
        .map(String::from)
        .to_vec(),
    }
}

/// A small deterministic pseudo-random generator (xorshift).
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    /// The next number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

fn pick_subset(rng: &mut Rng, all: &[String]) -> Vec<String> {
    match rng.below(3) {
        0 => all.to_vec(),
        1 => all[rng.below(all.len())..].to_vec(),
        _ => vec![all[rng.below(all.len())].clone()],
    }
}

/// Expertise areas the pages refer to (page `n` to the first `n % 3`).
const EXPERTISE: [&str; 2] = ["jeugdzorg", "schuldenproblematiek"];

const COLLECTIONS: [&str; 5] = [
    "handboek",
    "functiefamilie",
    "expertisegebieden",
    "dilemmas",
    "",
];

/// A page of sections from sentences chosen by `rng`.
fn page(
    rng: &mut Rng,
    n: usize,
    settings: &SearchSettings,
    sentence: &mut dyn FnMut(&mut Rng) -> String,
) -> Vec<SearchSection> {
    let collection = COLLECTIONS[n % COLLECTIONS.len()].to_string();
    let title = format!(
        "{} {n}",
        sentence(rng)
            .split(' ')
            .take(4)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let levels = pick_subset(rng, &settings.levels);
    let roles = pick_subset(rng, &settings.roles);
    let expertise: Vec<String> = EXPERTISE[..n % 3]
        .iter()
        .map(|e| format!("expertisegebieden/{e}"))
        .collect();
    let sections = 2 + rng.below(4);
    let path = if collection.is_empty() {
        format!("pagina-{n}")
    } else {
        format!("{collection}/pagina-{n}")
    };
    (0..sections)
        .map(|i| {
            let words = 2 + rng.below(5);
            let text = (0..words)
                .map(|_| sentence(rng))
                .collect::<Vec<_>>()
                .join(" ");
            let heading = if i == 0 {
                String::new()
            } else {
                sentence(rng)
                    .split(' ')
                    .skip(1)
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            SearchSection {
                page_id: path.clone(),
                page_title: title.clone(),
                url: format!("{path}/"),
                anchor: (i > 0).then(|| format!("kop-{i}")),
                heading,
                breadcrumb: vec!["Handboek".into()],
                collection: collection.clone(),
                levels: if i == 2 {
                    vec![levels[0].clone()]
                } else {
                    levels.clone()
                },
                roles: roles.clone(),
                expertise: expertise.clone(),
                text,
            }
        })
        .collect()
}

/// The fixture: 40 pages from [`SENTENCES`] plus a page with HTML in its text.
pub fn fixture() -> (Vec<SearchSection>, SearchSettings) {
    let settings = settings();
    let mut rng = Rng::new(7);
    let mut sections = Vec::new();
    let mut sentence = |rng: &mut Rng| SENTENCES[rng.below(SENTENCES.len())].to_string();
    for n in 0..40 {
        sections.extend(page(&mut rng, n, &settings, &mut sentence));
    }
    sections.push(SearchSection {
        page_id: "handboek/veilig-html".into(),
        page_title: "Veilig <b>tonen</b>".into(),
        url: "handboek/veilig-html/".into(),
        anchor: Some("voorbeeld".into()),
        heading: "Voorbeeld met <img src=x onerror=alert(1)>".into(),
        breadcrumb: vec!["Handboek".into()],
        collection: "handboek".into(),
        levels: settings.levels.clone(),
        roles: settings.roles.clone(),
        expertise: Vec::new(),
        text:
            "Een pagina over escaping: <img src=x onerror=\"document.title='pwned'\"> blijft tekst."
                .into(),
    });
    (sections, settings)
}

/// `pages` generated pages of Dutch-like text with a vocabulary that grows with the corpus.
pub fn generate(pages: usize, seed: u64) -> (Vec<SearchSection>, SearchSettings) {
    let settings = settings();
    let mut rng = Rng::new(seed);
    let syllables = [
        "be", "ge", "ver", "ont", "werk", "zorg", "hulp", "wijk", "plan", "raad", "kind", "huis",
        "geld", "recht", "team", "leer", "taal", "stad", "buurt", "school", "sport", "vak", "kern",
        "doel",
    ];
    let endings = [
        "ing", "en", "er", "heid", "te", "lijk", "s", "", "nis", "ig",
    ];
    let vocabulary_size = 2_000 + pages * 8;
    let vocabulary: Vec<String> = (0..vocabulary_size)
        .map(|i| {
            let mut r = Rng::new(i as u64 + 1);
            let parts = 1 + r.below(3);
            let mut w: String = (0..parts)
                .map(|_| syllables[r.below(syllables.len())])
                .collect();
            w.push_str(endings[r.below(endings.len())]);
            w
        })
        .collect();
    let real: Vec<&str> = SENTENCES.iter().flat_map(|s| s.split(' ')).collect();
    let mut sentence = |rng: &mut Rng| {
        let len = 6 + rng.below(10);
        let mut words = Vec::with_capacity(len);
        for _ in 0..len {
            // Zipf-like: small indices far more often.
            let zipf =
                (vocabulary_size as f64).powf(rng.below(10_000) as f64 / 10_000.0) as usize - 1;
            if rng.below(3) == 0 {
                words.push(real[rng.below(real.len())].to_string());
            } else {
                words.push(vocabulary[zipf.min(vocabulary_size - 1)].clone());
            }
        }
        format!("{}.", words.join(" "))
    };
    let mut sections = Vec::new();
    for n in 0..pages {
        sections.extend(page(&mut rng, n, &settings, &mut sentence));
    }
    (sections, settings)
}
