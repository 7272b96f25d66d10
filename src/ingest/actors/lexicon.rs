//! Small word lists the name finder needs: words that look like names but
//! are not (function words, days, months, time zones, page words, demonyms),
//! titles and roles that introduce a person, organisation keywords, wire and
//! photo agencies, speech verbs.
//!
//! Every list is keyed by lowercase text and is meant to stay compact: the
//! structure of the text decides most cases, the lists only the frequent
//! ones structure cannot.

use super::{Map, Set};
use std::sync::OnceLock;

/// Capitalised function words (several languages): never a name on their own.
const STOP: &str = "the a an in on at for and but or nor if as by to of from with without this that these \
those it its he she they we i you his her their our my your some many most all any no not yes there here \
when where what who whom whose which why how while after before during since until although though however \
meanwhile also then now still yet so even just only both each every such other another more less much one two \
three four five first last next earlier later today tomorrow yesterday tonight over under about between into \
through against among despite amid following according asked please let do does did is are was were be been \
has have had will would can could should may might must thus instead indeed perhaps unlike like once whether \
der die das ein eine und oder aber im am zum zur le la les un une des et ou mais dans pour avec el los las y \
en con para por il lo gli di per non в на и но по не что как это \
menurut dan di ke dari yang untuk dengan pada ini itu ia kami saya seorang selain bu ve";

/// Days, months and their common abbreviations.
const CALENDAR: &str = "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs \
fri sat sun january february march april june july august september october november december jan feb mar apr \
jun jul aug sep sept oct nov dec montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz \
juni juli oktober dezember";

/// Time-zone abbreviations and clock words.
const TIME_ZONES: &str = "et est edt ct cst cdt mt mst mdt pt pst pdt gmt utc bst cet cest eet eest msk ist jst \
kst aest aedt awst hkt sgt wib akst hst am pm";

/// Capitalised words of page furniture and generic headings.
const GENERIC: &str = "breaking news analysis opinion sort dropdown oops accessibility update updated updates live \
video videos watch read share comments comment advertisement ad image images photo photos caption background \
recommended stories story related subscribe newsletter menu search login sign click copyright follow tweet posts \
post min note editor editors exclusive explainer factbox podcast gallery sponsored skip content main navigation \
footer header cookie cookies privacy terms policy error loading wait media source currently available covid tv \
gdp ok id dna pdf faq hd more contact about help feedback top latest politics sport sports tech travel weather \
entertainment lifestyle section page pages article articles situation history \
mainos mainokset lukija reklama реклама реклам reklam anzeige annonse annons hirdetés iklan publicitate \
publicidad publicité pubblicità διαφήμιση";

/// Singular role nouns and honorifics that put a person's name after them.
const TITLES: &str = "president minister secretary chancellor senator sen representative rep governor gov \
mayor king queen prince princess pope premier ambassador envoy general gen admiral adm colonel col captain capt \
lieutenant lt sergeant sgt commander chief director chairman chairwoman chair spokesman spokeswoman \
spokesperson judge prosecutor attorney speaker leader editor correspondent reporter analyst professor prof dr \
doctor mr mrs ms miss mx sir dame lord lady sheikh emir sultan ayatollah rabbi bishop archbishop cardinal \
patriarch rev reverend officer ceo founder coach councillor councilman councilwoman commissioner congressman \
congresswoman lawmaker mp ombudsman adviser advisor businessman businesswoman activist lawyer \
economist journalist author actor actress singer artist striker manager boss tycoon billionaire oligarch \
historian scientist researcher expert official diplomat candidate veteran witness pilot priest imam president-elect präsident bundeskanzler kanzler kanzlerin außenminister \
ministerin herr frau président ministre monsieur madame mme m presidente ministro señor señora sr sra президент \
министр премьер глава superintendent councilmember councilor alderman alderwoman supervisor \
sheriff trustee treasurer comptroller controller marshal inspector constable detective superintendente \
bürgermeister bürgermeisterin oberbürgermeister oberbürgermeisterin geschäftsführer geschäftsführerin \
ministerpräsident ministerpräsidentin landrat landrätin staatssekretär staatssekretärin vorsitzende \
vorsitzender sprecher sprecherin direktor direktorin chef chefin abgeordnete abgeordneter senatorin \
maire préfet préfète députée député sénateur sénatrice porte-parole directrice directeur présidente \
alcalde alcaldesa consejero consejera conseller consellera concejal concejala diputado diputada \
ministra portavoz gobernador gobernadora director directora sindaco sindaca assessore assessora \
prefetto ministro presidente governatore consigliere consigliera portavoce prefeito prefeita vereador \
vereadora deputado deputada secretário secretária governador governadora burgemeester wethouder \
minister-president gedeputeerde commissaris woordvoerder woordvoerster directeur-generaal voorzitter \
vali valisi başkan başkanı bakan bakanı müdür müdürü sözcüsü kepala ketua gubernur bupati walikota wali \
menteri direktur juru primar primarul ministrul președintele directorul purtătorul primátor primátorka \
starosta starostka ředitel ředitelka mluvčí hejtman hejtmanka předseda předsedkyně ministr ministryně \
δήμαρχος πρόεδρος υπουργός εκπρόσωπος διευθυντής pormestari ministeri johtaja toimitusjohtaja tiedottaja \
ordfører statsminister direktør polgármester miniszter igazgató szóvivő portaveu губернатор мэр мер \
директор міністр голова речник";

/// Words that form part of a role before its noun ("Foreign Minister",
/// "Deputy Prime Minister"); dropped with the title that follows them.
const ROLE_ADJECTIVES: &str = "foreign prime vice deputy defense defence interior finance economy economic health \
education energy trade justice home senior former first acting interim supreme assistant under associate \
executive managing attorney opposition press labor labour culture transport agriculture environment \
national international diplomatic chief top then ex state majority minority belediye pelaksana";

/// Nouns that make a capitalised phrase an organisation.
const ORG_KEYWORDS: &str = "ministry department council union bank party agency commission parliament committee \
organization organisation office court army navy forces force service services corporation company group \
institute university association federation alliance assembly congress senate house administration authority \
bureau fund foundation front movement guard police church cabinet treasury kremlin pentagon duma rada bundestag \
knesset inc ltd corp llc plc gmbh ag sa network coalition league board tribunal secretariat embassy consulate \
ministère ministerium ministerio partei parti partido regierung gouvernement gobierno министерство партия \
комиссия совет team brigade trust society club centre center school college hospital airport library \
museum lab labs laboratory laboratories industries holdings airlines airline railway railways store \
gewerkschaft verband amt behörde stiftung gesellschaft kommission rat gericht polizei \
compagnie société agence conseil syndicat mairie préfecture sociedad federación asociación ayuntamiento \
consejo junta agencia fundación confederación società comune regione consiglio agenzia federazione \
associazione fondazione câmara associação sociedade conselho agência fundação prefeitura gemeente \
waterschap vereniging stichting raad bond provincie";

/// Organisation keywords that lead the name in their languages
/// ("Sociedad Química Andina", "Regione Liguria", "Gewerkschaft
/// Deutscher Lokführer"): the words after them belong to the name.
const LEADING_ORG_KEYWORDS: &str = "sociedad sociedade società société compagnie gewerkschaft verband \
stiftung gesellschaft câmara comune regione consiglio consejo junta agencia agenzia agência fundación \
fundação fondazione federación federazione asociación associazione associação ayuntamiento conselho \
syndicat mairie préfecture prefeitura ministerio ministero ministério ministère ministerium partido \
partito parti partei gemeente waterschap vereniging stichting provincie comunidad banco banca banque \
tribunal conseil confederación confédération union unión unione comisión commissione comissão \
instituto istituto institut universidad università universidade université universität";

/// Single words that name an organisation by themselves.
const STANDALONE_ORGS: &str = "kremlin pentagon bundestag knesset duma congress senate interpol europol hamas \
hezbollah taliban opec asean nato";

/// Wire services and photo agencies: credits, never actors.
const AGENCIES: &str = "afp ap reuters tass getty anadolu epa efe dpa xinhua ansa interfax ria novosti upi \
yonhap kyodo ukrinform sputnik shutterstock alamy nurphoto zuma sipa handout pool bloomberg belga bernama \
apa pap ctk unian wenn";

/// Multi-word agency names.
const AGENCY_PHRASES: &[&str] = &[
    "associated press",
    "agence france-presse",
    "agence france presse",
    "getty images",
    "anadolu agency",
    "ria novosti",
    "pa media",
    "press association",
    "european pressphoto agency",
    "sopa images",
    "zuma press",
    "afp via getty images",
];

/// Verbs that follow (or precede) a speaker's name.
const SPEECH: &str = "said says say told tells added adds tweeted wrote writes stated warned warns noted notes \
explained insisted argued claimed announced replied asked commented stressed urged declared confirmed denied \
sagte erklärte betonte dijo afirmó declaró ha заявил сказал заявила сказала сказав заявив \
kata ujar ujarnya katanya tegas dedi söyledi açıkladı řekl řekla uvedl uvedla dodal dodala spus declarat \
δήλωσε είπε sanoo sanoi kertoo kertoi sier mondta disse afirmou dit повідомив зазначив сообщил отметил";

/// Lowercase words before "by" that start a credit ("With reporting by ...").
const CREDIT_LEADS: &str = "reporting written edited photo photos photograph photographs video compiled \
produced contributed contributions illustration illustrations graphic graphics editing writing research \
translation translated fact-checking additional";

/// Demonyms and other adjectives of origin or allegiance: never actors.
const DEMONYMS: &str = "russian ukrainian american british french german chinese japanese european soviet israeli \
palestinian iranian syrian turkish polish spanish italian indian pakistani afghan iraqi saudi arab kurdish \
belarusian belarussian armenian azerbaijani canadian mexican brazilian korean african asian latin nordic baltic \
swiss dutch swedish finnish norwegian danish greek hungarian czech slovak romanian bulgarian serbian croatian \
lithuanian latvian estonian moldovan kazakh uzbek egyptian libyan lebanese jordanian yemeni qatari emirati \
nigerian kenyan ethiopian sudanese australian irish scottish welsh english democratic democrat democrats \
republican republicans conservative liberal socialist communist christian muslim jewish catholic orthodox \
sunni shia allied western eastern northern southern transatlantic atlantic pro anti western-backed kremlin-backed";

/// Particles that join parts of a name ("Council of Europe", "Ursula von
/// der Leyen", "Bashar al-Assad").
const CONNECTORS: &str =
    "of de von van der den del della di da du la le bin ibn al el dos das the y zu ter";

/// Lowercase name prefixes joined by a hyphen ("al-Assad").
const PARTICLE_PREFIXES: &str = "al el ad ar as at az ash bin ibn abu d o";

/// Function words of some language that are also given names ("Des
/// Byrne", "Per Olsen", "Will Hart"): capitalised mid-sentence before
/// another capitalised word, they open a name.
const GIVEN_STOPS: &str = "des per will";

/// Last words of a building, site or landform, never of a person's name
/// ("Ripon Buildings", "Harbour Plains"). Words that are also common
/// surnames (hall, hill, park, banks, woods) are left out.
const FACILITIES: &str = "building buildings tower towers stadium arena plaza mall station terminal \
bridge market palace cathedral mosque temple basilica shrine gardens plains plain heights properties \
estate estates complex compound quarter valley beach";

/// Words after a name that mark generational suffixes, not surnames.
const NAME_SUFFIXES: &str = "jr sr ii iii iv";

/// Acronyms so common that their preferred form is fixed: acronym, then the
/// canonical name, then other spellings.
const KNOWN_ORGS: &[&[&str]] = &[
    &["EU", "European Union"],
    &["UN", "United Nations", "U.N."],
    &[
        "NATO",
        "NATO",
        "North Atlantic Treaty Organization",
        "North Atlantic Treaty Organisation",
        "OTAN",
        "НАТО",
    ],
    &[
        "WHO",
        "World Health Organization",
        "World Health Organisation",
    ],
    &["IMF", "International Monetary Fund"],
    &[
        "OSCE",
        "Organization for Security and Co-operation in Europe",
    ],
    &["ICC", "International Criminal Court"],
    &["WTO", "World Trade Organization"],
    &["FBI", "FBI", "Federal Bureau of Investigation"],
    &["CIA", "CIA", "Central Intelligence Agency"],
    &[
        "OPEC",
        "OPEC",
        "Organization of the Petroleum Exporting Countries",
    ],
    &["ЕС", "European Union"],
    &["ООН", "United Nations"],
];

/// Role nouns that end compound titles ("Bundeskanzlerin",
/// "Außenminister", "Vizepräsident").
const COMPOUND_TITLE_ENDINGS: &[&str] = &[
    "minister",
    "ministerin",
    "kanzler",
    "kanzlerin",
    "präsident",
    "präsidentin",
    "sekretär",
    "sekretärin",
    "botschafter",
    "botschafterin",
    "vorsitzende",
    "vorsitzender",
    "sprecher",
    "sprecherin",
    "chefin",
    "bürgermeister",
    "bürgermeisterin",
    "direktor",
    "direktorin",
    "leiterin",
    "führerin",
    "министр",
];

/// A bit in a 4096-bit filter for a word, from its first two bytes and
/// its length.
fn bloom_bit(w: &str) -> usize {
    let b = w.as_bytes();
    let b0 = usize::from(b.first().copied().unwrap_or(0));
    let b1 = usize::from(b.get(1).copied().unwrap_or(0));
    (b0.wrapping_mul(131) ^ b1.wrapping_mul(31) ^ w.len().wrapping_mul(1031)) % 4096
}

/// A compound title: a role noun with at least three letters before it.
fn compound_title(lower: &str) -> bool {
    COMPOUND_TITLE_ENDINGS.iter().any(|e| {
        lower
            .strip_suffix(e)
            .is_some_and(|head| head.chars().count() >= 3)
    })
}

// One bit per word list, so a word costs one hash lookup whatever is asked.
const F_STOP: u32 = 1;
const F_CALENDAR: u32 = 1 << 1;
const F_TIME_ZONE: u32 = 1 << 2;
const F_GENERIC: u32 = 1 << 3;
const F_TITLE: u32 = 1 << 4;
const F_ROLE_ADJ: u32 = 1 << 5;
const F_ORG_KEYWORD: u32 = 1 << 6;
const F_STANDALONE_ORG: u32 = 1 << 7;
const F_AGENCY: u32 = 1 << 8;
const F_SPEECH: u32 = 1 << 9;
const F_CREDIT_LEAD: u32 = 1 << 10;
const F_DEMONYM: u32 = 1 << 11;
const F_CONNECTOR: u32 = 1 << 12;
const F_PARTICLE: u32 = 1 << 13;
const F_SUFFIX: u32 = 1 << 14;
/// A demonym with an "s" added ("russians"), so a plural is one lookup.
const F_DEMONYM_S: u32 = 1 << 15;
const F_GIVEN_STOP: u32 = 1 << 16;
const F_FACILITY: u32 = 1 << 17;
const F_NON_NAME: u32 = F_STOP | F_CALENDAR | F_TIME_ZONE | F_GENERIC;

/// A word of 1 to 16 bytes as two integers and its length, read with a few
/// loads rather than hashed: the bytes at the start and at the end (the two
/// may overlap), so with the length every byte is covered and distinct
/// words have distinct keys. `None` for the empty word or a longer one.
#[inline]
pub(crate) fn short_key(w: &str) -> Option<(u64, u64, usize)> {
    let b = w.as_bytes();
    let n = b.len();
    let load8 = |at: usize| -> Option<u64> {
        let mut x = [0u8; 8];
        x.copy_from_slice(b.get(at..at + 8)?);
        Some(u64::from_le_bytes(x))
    };
    let load4 = |at: usize| -> Option<u64> {
        let mut x = [0u8; 4];
        x.copy_from_slice(b.get(at..at + 4)?);
        Some(u64::from(u32::from_le_bytes(x)))
    };
    match n {
        0 => None,
        1..=3 => {
            let byte = |i: usize| u64::from(b[i]);
            Some((byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16, 0, n))
        }
        4..=7 => Some((load4(0)? | load4(n - 4)? << 32, 0, n)),
        8..=16 => Some((load8(0)?, load8(n - 8)?, n)),
        _ => None,
    }
}

/// log2 of the slots of [`Lexicon::short`].
const SHORT_BITS: u32 = 11;

/// The slot where probing for a [`short_key`] starts.
#[inline]
fn short_slot((a, b, n): (u64, u64, usize)) -> usize {
    let h = (a ^ b.rotate_left(23) ^ n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> (64 - SHORT_BITS)) as usize
}

/// The word lists, built once.
pub(crate) struct Lexicon {
    words: Map<String, u32>,
    /// The words of at most 16 bytes by [`short_key`], open addressing
    /// with linear probing (length 0 marks a free slot): the lookup every
    /// word of the corpus makes, without hashing the text.
    short: Vec<((u64, u64, usize), u32)>,
    /// Bit `len` of `quick[first byte]` is set when some listed word starts
    /// with that byte and has that length (capped at 31): most words fail
    /// this test and skip the hash lookup.
    quick: [u32; 256],
    /// A Bloom filter of connectors and titles by (first two bytes,
    /// length): the check made for every lowercase word of the corpus.
    lower_bloom: [u64; 64],
    agency_phrases: Set<&'static str>,
    /// Lowercase acronym or expansion -> canonical name.
    known_orgs: Map<String, &'static str>,
    leading_orgs: Set<&'static str>,
}

/// The shared lexicon.
pub(crate) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut known_orgs = Map::default();
        for row in KNOWN_ORGS {
            let canonical = row[1];
            for (i, v) in row.iter().enumerate() {
                if i != 1 || *v != canonical {
                    known_orgs.insert(v.to_lowercase().replace('.', ""), canonical);
                }
            }
            known_orgs.insert(canonical.to_lowercase(), canonical);
        }
        let mut words: Map<String, u32> = Map::default();
        for (list, flag) in [
            (STOP, F_STOP),
            (CALENDAR, F_CALENDAR),
            (TIME_ZONES, F_TIME_ZONE),
            (GENERIC, F_GENERIC),
            (TITLES, F_TITLE),
            (ROLE_ADJECTIVES, F_ROLE_ADJ),
            (ORG_KEYWORDS, F_ORG_KEYWORD),
            (STANDALONE_ORGS, F_STANDALONE_ORG),
            (AGENCIES, F_AGENCY),
            (SPEECH, F_SPEECH),
            (CREDIT_LEADS, F_CREDIT_LEAD),
            (DEMONYMS, F_DEMONYM),
            (CONNECTORS, F_CONNECTOR),
            (PARTICLE_PREFIXES, F_PARTICLE),
            (NAME_SUFFIXES, F_SUFFIX),
            (GIVEN_STOPS, F_GIVEN_STOP),
            (FACILITIES, F_FACILITY),
        ] {
            for w in list.split_whitespace() {
                *words.entry(w.to_string()).or_default() |= flag;
                if flag == F_DEMONYM {
                    *words.entry(format!("{w}s")).or_default() |= F_DEMONYM_S;
                }
            }
        }
        let mut quick = [0u32; 256];
        let mut lower_bloom = [0u64; 64];
        for (w, f) in &words {
            quick[usize::from(w.as_bytes()[0])] |= 1 << w.len().min(31);
            if f & (F_CONNECTOR | F_TITLE) != 0 {
                let b = bloom_bit(w);
                lower_bloom[b / 64] |= 1 << (b % 64);
            }
        }
        let mut short = vec![((0, 0, 0), 0); 1 << SHORT_BITS];
        for (w, &f) in &words {
            let Some(key) = short_key(w) else { continue };
            let mut at = short_slot(key);
            // The table is far larger than the lists: a free slot is near.
            while short[at].0.2 != 0 {
                at = (at + 1) & (short.len() - 1);
            }
            short[at] = (key, f);
        }
        Lexicon {
            short,
            quick,
            lower_bloom,
            words,
            agency_phrases: AGENCY_PHRASES.iter().copied().collect(),
            known_orgs,
            leading_orgs: LEADING_ORG_KEYWORDS.split_whitespace().collect(),
        }
    })
}

impl Lexicon {
    fn flags(&self, lower: &str) -> u32 {
        let Some(&first) = lower.as_bytes().first() else {
            return 0;
        };
        if self.quick[usize::from(first)] & (1 << lower.len().min(31)) == 0 {
            return 0;
        }
        let Some(key) = short_key(lower) else {
            return self.long_flags(lower);
        };
        let mut at = short_slot(key);
        // Every listed word of this length is in the table, so a free slot
        // ends the search; the table is never full. Its length is a power
        // of two: the next slot wraps with a mask.
        let wrap = self.short.len() - 1;
        for _ in 0..self.short.len() {
            match self.short.get(at) {
                Some(&(k, f)) if k == key => return f,
                Some(&((_, _, 0), _)) | None => return 0,
                Some(_) => at = (at + 1) & wrap,
            }
        }
        0
    }

    /// [`Lexicon::flags`] of a word too long for the packed table: rare,
    /// and kept apart so the common lookup stays small.
    #[cold]
    #[inline(never)]
    fn long_flags(&self, lower: &str) -> u32 {
        self.words.get(lower).copied().unwrap_or(0)
    }
    /// What a capitalised word is, in one lookup: (title, never a name,
    /// organisation keyword or role adjective).
    pub fn capital_word(&self, lower: &str) -> (bool, bool, bool) {
        let f = self.flags(lower);
        (
            f & F_TITLE != 0 || compound_title(lower),
            f & F_NON_NAME != 0,
            f & (F_ORG_KEYWORD | F_ROLE_ADJ) != 0,
        )
    }
    fn has(&self, lower: &str, flag: u32) -> bool {
        self.flags(lower) & flag != 0
    }
    /// A capitalised word that is never part of a name (function word, day,
    /// month, time zone, page word). `lower` is the lowercased word.
    pub fn is_non_name(&self, lower: &str) -> bool {
        self.has(lower, F_NON_NAME)
    }
    /// An all-caps word that is not an acronym of a body: a day, month, time
    /// zone or page word ("ET", "TV"); function words do not count, so "UN"
    /// stays.
    pub fn is_non_name_acronym(&self, lower: &str) -> bool {
        self.has(lower, F_CALENDAR | F_GENERIC | F_TIME_ZONE)
    }
    /// For a lowercase word in one lookup: (is it a connector, is it a
    /// title).
    pub fn connector_or_title(&self, lower: &str) -> (bool, bool) {
        let b = bloom_bit(lower);
        if self.lower_bloom[b / 64] & (1 << (b % 64)) == 0 {
            return (false, false);
        }
        let f = self.flags(lower);
        (f & F_CONNECTOR != 0, f & F_TITLE != 0)
    }
    /// A function word.
    pub fn is_stop(&self, lower: &str) -> bool {
        self.has(lower, F_STOP)
    }
    /// A role noun or honorific ("President", "Mr").
    pub fn is_title(&self, lower: &str) -> bool {
        self.has(lower.trim_end_matches('.'), F_TITLE) || compound_title(lower)
    }
    /// A word that qualifies a role ("Foreign" in "Foreign Minister").
    pub fn is_role_adjective(&self, lower: &str) -> bool {
        self.has(lower, F_ROLE_ADJ)
    }
    /// A noun that makes a phrase an organisation.
    pub fn is_org_keyword(&self, lower: &str) -> bool {
        self.has(lower, F_ORG_KEYWORD)
    }
    /// An organisation keyword that leads its name ("Sociedad", "Regione").
    pub fn is_leading_org_keyword(&self, lower: &str) -> bool {
        self.leading_orgs.contains(lower)
    }
    /// A single word naming an organisation ("Kremlin").
    pub fn is_standalone_org(&self, lower: &str) -> bool {
        self.has(lower, F_STANDALONE_ORG)
    }
    /// A wire service or photo agency word or phrase.
    pub fn is_agency(&self, lower: &str) -> bool {
        self.has(lower, F_AGENCY) || self.agency_phrases.contains(lower)
    }
    /// A verb of speech.
    pub fn is_speech(&self, lower: &str) -> bool {
        self.has(lower, F_SPEECH)
    }
    /// A word before "by" that starts a credit.
    pub fn is_credit_lead(&self, lower: &str) -> bool {
        self.has(lower, F_CREDIT_LEAD)
    }
    /// A demonym or adjective of origin ("Russian", "Ukrainians").
    pub fn is_demonym(&self, lower: &str) -> bool {
        // The word, or the word less a final "s", is listed: one lookup.
        self.has(lower, F_DEMONYM | F_DEMONYM_S)
            || ["ian", "ean", "ese", "ish", "ians", "eans"]
                .iter()
                .any(|s| lower.ends_with(s))
                && lower.chars().count() > 5
    }
    /// A listed demonym or its plural, without the guess by ending:
    /// "Hamish", "Cristian" and "Kardashian" end like demonyms.
    pub fn is_listed_demonym(&self, lower: &str) -> bool {
        self.has(lower, F_DEMONYM | F_DEMONYM_S)
    }
    /// A function word that is also a given name ("des", "per", "will").
    pub fn is_given_stop(&self, lower: &str) -> bool {
        self.has(lower, F_GIVEN_STOP)
    }
    /// The last word of a building, site or landform ("buildings").
    pub fn is_facility(&self, lower: &str) -> bool {
        self.has(lower, F_FACILITY)
    }
    /// A lowercase particle inside a name ("of", "von", "al").
    pub fn is_connector(&self, lower: &str) -> bool {
        self.has(lower, F_CONNECTOR)
    }
    /// A lowercase prefix joined by a hyphen to a surname ("al-").
    pub fn is_particle(&self, lower: &str) -> bool {
        self.has(lower, F_PARTICLE)
    }
    /// "Jr", "III": not a surname.
    pub fn is_name_suffix(&self, lower: &str) -> bool {
        self.has(lower.trim_end_matches('.'), F_SUFFIX)
    }
    /// The canonical name of a very common organisation, by acronym or
    /// expansion (lowercase, without dots).
    pub fn known_org(&self, lower: &str) -> Option<&'static str> {
        self.known_orgs.get(lower).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The flags by the plain hash map, the reference for the packed table.
    fn flags_by_map(l: &Lexicon, w: &str) -> u32 {
        l.words.get(w).copied().unwrap_or(0)
    }

    #[test]
    fn short_keys_tell_words_apart() {
        let words = [
            "a",
            "aa",
            "aaa",
            "ab",
            "ba",
            "aba",
            "abc",
            "acb",
            "abcd",
            "abdc",
            "abcde",
            "abcdef",
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "bbcdefgh",
            "abcdefgz",
            "abcdefghijklmnop",
            "zbcdefghijklmnop",
            "abcdefghzjklmnop",
            "präsident",
            "министр",
        ];
        for a in words {
            assert!(short_key(a).is_some(), "{a}");
            for b in words {
                assert_eq!(short_key(a) == short_key(b), a == b, "{a} {b}");
            }
        }
        assert_eq!(short_key(""), None);
        assert_eq!(short_key("abcdefghijklmnopq"), None);
    }

    #[test]
    fn packed_flags_are_the_map_flags() {
        let l = lexicon();
        for w in l.words.keys() {
            let f = flags_by_map(l, w);
            assert_ne!(f, 0, "{w}");
            assert_eq!(l.flags(w), f, "{w}");
            // Near misses: the word cut short, lengthened, changed.
            let cut = w.char_indices().last().map_or(0, |(i, _)| i);
            for v in [
                &w[..cut],
                &format!("{w}s"),
                &format!("x{w}"),
                &w.to_uppercase(),
            ] {
                assert_eq!(l.flags(v), flags_by_map(l, v), "{v}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn packed_flags_agree_on_any_word(w in "[a-zäöü\\-.]{0,20}|[а-я]{0,12}") {
            let l = lexicon();
            proptest::prop_assert_eq!(l.flags(&w), flags_by_map(l, &w));
        }
    }

    #[test]
    fn demonyms_are_recognised_by_list_and_by_ending() {
        let l = lexicon();
        assert!(l.is_demonym("russian"));
        assert!(l.is_demonym("ukrainians"));
        assert!(l.is_demonym("moldavian"));
        assert!(!l.is_demonym("blinken"));
    }

    /// [`Lexicon::is_demonym`] as first written: the word, or its stem
    /// less a final "s", in the list, or an ending of origin.
    fn is_demonym_by_stem(l: &Lexicon, lower: &str) -> bool {
        let listed = |w: &str| flags_by_map(l, w) & F_DEMONYM != 0;
        let stem = lower.strip_suffix('s').unwrap_or(lower);
        listed(lower)
            || listed(stem)
            || ["ian", "ean", "ese", "ish", "ians", "eans"]
                .iter()
                .any(|s| lower.ends_with(s) && lower.chars().count() > 5)
    }

    #[test]
    fn plural_demonyms_are_found_in_one_lookup() {
        let l = lexicon();
        for w in DEMONYMS.split_whitespace() {
            for v in [
                w.to_string(),
                format!("{w}s"),
                format!("{w}ss"),
                format!("x{w}s"),
            ] {
                assert_eq!(l.is_demonym(&v), is_demonym_by_stem(l, &v), "{v}");
            }
        }
        for v in [
            "",
            "s",
            "ss",
            "president",
            "presidents",
            "ians",
            "swedes",
            "blinken",
        ] {
            assert_eq!(l.is_demonym(v), is_demonym_by_stem(l, v), "{v}");
        }
    }

    proptest::proptest! {
        #[test]
        fn demonyms_agree_on_any_word(w in "(russian|pro|anti|dutch|[a-z]{0,9})(s|ian|ese|eans)?") {
            let l = lexicon();
            proptest::prop_assert_eq!(l.is_demonym(&w), is_demonym_by_stem(l, &w));
        }
    }

    #[test]
    fn listed_demonyms_leave_names_that_end_like_one() {
        let l = lexicon();
        assert!(l.is_listed_demonym("russians"));
        for name in ["hamish", "cristian", "kardashian"] {
            assert!(l.is_demonym(name), "{name}");
            assert!(!l.is_listed_demonym(name), "{name}");
        }
        assert!(l.is_given_stop("des") && !l.is_given_stop("the"));
        assert!(l.is_facility("buildings") && !l.is_facility("hall"));
        assert!(l.is_role_adjective("majority"));
    }

    #[test]
    fn titles_speech_verbs_and_function_words_of_more_languages() {
        let l = lexicon();
        for w in [
            "valisi",
            "kepala",
            "primarul",
            "starosta",
            "δήμαρχος",
            "pormestari",
        ] {
            assert!(l.is_title(w), "{w}");
        }
        for w in ["ujar", "dedi", "řekla", "δήλωσε", "sanoi", "disse"] {
            assert!(l.is_speech(w), "{w}");
        }
        assert!(l.is_stop("menurut"));
    }

    #[test]
    fn page_words_of_other_languages_are_no_names() {
        let l = lexicon();
        for w in [
            "mainos",
            "lukija",
            "реклама",
            "reklam",
            "iklan",
            "διαφήμιση",
        ] {
            assert!(l.is_non_name(w), "{w}");
        }
    }

    #[test]
    fn common_acronyms_have_a_fixed_canonical_form() {
        let l = lexicon();
        assert_eq!(l.known_org("eu"), Some("European Union"));
        assert_eq!(l.known_org("nato"), Some("NATO"));
        assert_eq!(
            l.known_org("north atlantic treaty organization"),
            Some("NATO")
        );
        assert_eq!(l.known_org("un"), Some("United Nations"));
    }
}
