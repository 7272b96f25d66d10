//! A compact gazetteer: countries, capitals, major cities and regions, each
//! with the variant spellings news text uses ("Kiev" is "Kyiv", "Burma" is
//! "Myanmar"). It decides which names are places; anything not in it is a
//! place only if it ends in a place word ("Black Sea", "Lake Chad") or a
//! site's corrections say so.

use super::Map;
use std::borrow::Cow;
use std::sync::OnceLock;

/// One line per place: the canonical name, then its variants.
const PLACES: &str = "\
Afghanistan
Albania
Algeria
Andorra
Angola
Argentina
Armenia
Australia
Austria
Azerbaijan
Bahamas|The Bahamas
Bahrain
Bangladesh
Belarus|Byelorussia|Belorussia|Беларусь
Belgium
Belize
Benin
Bhutan
Bolivia
Bosnia and Herzegovina|Bosnia|Bosnia-Herzegovina
Botswana
Brazil|Brasil
Brunei
Bulgaria|България
Burkina Faso
Burundi
Cambodia
Cameroon
Canada
Cape Verde|Cabo Verde
Central African Republic
Chad
Chile
China|People's Republic of China|PRC|Китай
Colombia
Comoros
Costa Rica
Croatia
Cuba
Cyprus
Czech Republic|Czechia
Democratic Republic of the Congo|DRC|DR Congo|Congo-Kinshasa
Republic of the Congo|Congo-Brazzaville|Congo
Denmark
Djibouti
Dominican Republic
Ecuador
Egypt
El Salvador
Equatorial Guinea
Eritrea
Estonia
Eswatini|Swaziland
Ethiopia
Fiji
Finland
France|Франция
Gabon
Gambia|The Gambia
Georgia
Germany|Deutschland|Allemagne|Германия
Ghana
Greece
Guatemala
Guinea
Guinea-Bissau
Guyana
Haiti
Honduras
Hungary
Iceland
India
Indonesia
Iran|Persia
Iraq
Ireland|Republic of Ireland|Eire
Israel
Italy|Italia
Ivory Coast|Côte d'Ivoire|Cote d'Ivoire
Jamaica
Japan
Jordan
Kazakhstan
Kenya
Kosovo
Kuwait
Kyrgyzstan
Laos
Latvia
Lebanon
Lesotho
Liberia
Libya
Liechtenstein
Lithuania
Luxembourg
Madagascar
Malawi
Malaysia
Maldives
Mali
Malta
Mauritania
Mauritius
Mexico
Moldova|Moldavia|Молдова
Monaco
Mongolia
Montenegro
Morocco
Mozambique
Myanmar|Burma
Namibia
Nepal
Netherlands|Holland|The Netherlands
New Zealand
Nicaragua
Niger
Nigeria
North Korea|DPRK|Democratic People's Republic of Korea
North Macedonia|Macedonia
Norway
Oman
Pakistan
Palestine|Palestinian Territories
Panama
Papua New Guinea
Paraguay
Peru
Philippines|The Philippines
Poland|Polska|Польша
Portugal
Qatar
Romania|Rumania|Румыния
Russia|Russian Federation|Россия|Росія
Rwanda
Saudi Arabia
Senegal
Serbia
Sierra Leone
Singapore
Slovakia
Slovenia
Somalia
South Africa
South Korea|Republic of Korea
South Sudan
Spain|España
Sri Lanka|Ceylon
Sudan
Suriname
Sweden
Switzerland|Schweiz|Suisse
Syria
Taiwan
Tajikistan
Tanzania
Thailand|Siam
Timor-Leste|East Timor
Togo
Trinidad and Tobago
Tunisia
Turkey|Türkiye|Turkiye
Turkmenistan
Uganda
Ukraine|the Ukraine|Україна|Украина
United Arab Emirates|UAE
United Kingdom|UK|U.K.|Britain|Great Britain
United States|US|U.S.|USA|U.S.A.|United States of America|America|США
Uruguay
Uzbekistan
Vatican|Vatican City|Holy See
Venezuela
Vietnam|Viet Nam
Yemen
Zambia
Zimbabwe
England
Scotland
Wales
Northern Ireland
Kyiv|Kiev|Київ|Киев
Kharkiv|Kharkov|Харків|Харьков
Odesa|Odessa|Одеса|Одесса
Lviv|Lvov|Lwow|Львів|Львов
Dnipro|Dnipropetrovsk|Dnepr
Zaporizhzhia|Zaporozhye|Zaporizhia
Mariupol|Маріуполь|Мариуполь
Donetsk|Донецьк|Донецк
Luhansk|Lugansk|Луганськ|Луганск
Kherson
Mykolaiv|Nikolaev|Nikolayev
Sevastopol|Севастополь
Simferopol
Chernihiv|Chernigov
Bakhmut|Artemivsk
Crimea|Crimean Peninsula|Крым|Крим
Donbas|Donbass|Донбасс|Донбас
Moscow|Москва
St Petersburg|St. Petersburg|Saint Petersburg|Санкт-Петербург
Minsk|Мінск|Минск
Chisinau|Kishinev
Transnistria|Pridnestrovie
Tbilisi
Abkhazia
South Ossetia
Yerevan
Baku
Nagorno-Karabakh|Karabakh
Chechnya|Chechen Republic
Siberia
Kaliningrad
Belgorod
Rostov|Rostov-on-Don
Warsaw|Warszawa
Krakow|Kraków|Cracow
Berlin
Munich|München
Hamburg
Frankfurt
Bonn
Paris
Marseille|Marseilles
Lyon
Brussels|Bruxelles|Brussel
Amsterdam
The Hague|Hague
Geneva|Genève|Genf|Женева
Zurich|Zürich
Bern|Berne
Vienna|Wien
Prague|Praha
Budapest
Bratislava
Bucharest|București
Sofia
Belgrade|Beograd
Zagreb
Ljubljana
Sarajevo
Athens
Rome|Roma
Milan|Milano
Naples|Napoli
Madrid
Barcelona
Lisbon|Lisboa
London|Лондон
Manchester
Edinburgh
Dublin
Oslo
Stockholm
Copenhagen
Helsinki
Tallinn
Riga
Vilnius
Reykjavik
Istanbul|Constantinople
Ankara
Jerusalem
Tel Aviv
Gaza|Gaza Strip
West Bank
Beirut
Damascus
Aleppo
Baghdad
Tehran|Teheran
Riyadh
Doha
Dubai
Abu Dhabi
Cairo
Tripoli
Tunis
Algiers
Rabat
Casablanca
Khartoum
Addis Ababa
Nairobi
Lagos
Abuja
Kinshasa
Johannesburg
Cape Town
Pretoria
Kabul
Islamabad
Karachi
New Delhi|Delhi
Mumbai|Bombay
Kolkata|Calcutta
Chennai|Madras
Bengaluru|Bangalore
Dhaka|Dacca
Kathmandu
Colombo
Beijing|Peking|Пекин
Shanghai
Hong Kong
Macau|Macao
Taipei
Tokyo
Osaka
Seoul
Pyongyang
Ulaanbaatar|Ulan Bator
Hanoi
Ho Chi Minh City|Saigon
Bangkok
Yangon|Rangoon
Naypyidaw|Naypyitaw
Kuala Lumpur
Jakarta
Manila
Sydney
Melbourne
Canberra
Wellington
Auckland
Washington|Washington DC|Washington D.C.|Washington, D.C.|Вашингтон
New York|New York City|NYC
Los Angeles
Chicago
San Francisco
Boston
Miami
Houston
Dallas
Seattle
Atlanta
Ottawa
Toronto
Montreal|Montréal
Vancouver
Mexico City
Havana
Caracas
Bogota|Bogotá
Lima
Santiago
Buenos Aires
Brasilia|Brasília
Sao Paulo|São Paulo
Rio de Janeiro
Europe|Европа
Eastern Europe
Western Europe
Central Europe
Asia
Central Asia
Southeast Asia|South-East Asia
Africa
North Africa
Sub-Saharan Africa
Middle East|Mideast
North America
South America
Latin America
Balkans|the Balkans
Caucasus|the Caucasus
Scandinavia
Baltics|Baltic States
Sahel
Arctic|the Arctic
Antarctica
Kashmir
Tibet
Xinjiang
Hokkaido
Catalonia|Catalunya
Black Sea|Чорне море|Черное море
Baltic Sea
Sea of Azov|Azov Sea
Mediterranean|Mediterranean Sea
South China Sea
Taiwan Strait
Persian Gulf
Red Sea
Pacific|Pacific Ocean
Atlantic Ocean
Indian Ocean
Alabama
Alaska
Arizona
Arkansas
California
Colorado
Connecticut
Delaware
Florida
Hawaii
Idaho
Illinois
Indiana
Iowa
Kansas
Kentucky
Louisiana
Maine
Maryland
Massachusetts
Michigan
Minnesota
Mississippi
Missouri
Montana
Nebraska
Nevada
New Hampshire
New Jersey
New Mexico
North Carolina
North Dakota
Ohio
Oklahoma
Oregon
Pennsylvania
Rhode Island
South Carolina
South Dakota
Tennessee
Texas
Utah
Vermont
Virginia
West Virginia
Wisconsin
Wyoming
";

/// Last words that make a capitalised phrase a place.
const PLACE_WORDS: &[&str] = &[
    "sea",
    "ocean",
    "river",
    "lake",
    "mount",
    "mountains",
    "island",
    "islands",
    "peninsula",
    "oblast",
    "province",
    "region",
    "valley",
    "strait",
    "gulf",
    "bay",
    "county",
    "district",
    "krai",
    "canal",
    "desert",
    "camp",
    "fort",
    "cape",
];

/// Last words of landforms and settlements ("Haverton Hill", "Gray
/// Mountain"): places.
const LANDFORM_WORDS: &[&str] = &[
    "hill", "hills", "mountain", "ridge", "peak", "glen", "moor", "heath", "forest", "beach",
    "falls", "canyon", "creek", "harbour", "harbor", "heights", "village", "township",
];

/// First words that make a place of what follows ("Port Ellis", "Val
/// Trebbia", "Monte Rosa").
const PLACE_FIRST_WORDS: &[&str] = &[
    "port", "val", "valle", "vallée", "monte", "mont", "isla", "ilha", "île", "lago", "lac", "piz",
    "sierra", "serra",
];

/// Last words of streets, squares and stations, in several languages:
/// addresses, never actors, and too fine to be places.
const STREET_LAST_WORDS: &[&str] = &[
    "road",
    "street",
    "avenue",
    "boulevard",
    "lane",
    "strand",
    "quay",
    "highway",
    "motorway",
    "expressway",
    "parkway",
    "terrace",
    "crescent",
    "straße",
    "strasse",
    "platz",
    "gasse",
    "allee",
    "damm",
    "ufer",
    "bahnhof",
    "hauptbahnhof",
    "straat",
    "plein",
    "laan",
    "gracht",
    "kade",
    "steeg",
    "weg",
    "station",
    "rd",
    "st",
    "ave",
    "blvd",
];

/// First words of streets and squares ("Rue de Rivoli", "Calle Mayor",
/// "Via Roma", "Hauptbahnhof Leipzig").
const STREET_FIRST_WORDS: &[&str] = &[
    "rue",
    "calle",
    "avenida",
    "paseo",
    "plaza",
    "via",
    "viale",
    "piazza",
    "corso",
    "largo",
    "rua",
    "praça",
    "travessa",
    "avenue",
    "boulevard",
    "place",
    "hauptbahnhof",
    "bahnhof",
];

/// Nouns of public services that make "... District" or "... Authority"
/// a body, not a place ("Lake County Water District").
const SERVICE_NOUNS: &[&str] = &[
    "water",
    "school",
    "schools",
    "sanitation",
    "fire",
    "park",
    "parks",
    "utility",
    "utilities",
    "irrigation",
    "transit",
    "hospital",
    "library",
    "conservation",
    "college",
    "sewer",
    "drainage",
    "improvement",
    "health",
    "port",
    "transport",
    "housing",
    "power",
    "electric",
    "police",
    "flood",
    "waste",
    "mosquito",
    "airport",
    "rescue",
    "safety",
    "research",
    "development",
    "trade",
    "industry",
    "science",
    "technology",
    "arts",
    "culture",
    "environment",
    "energy",
    "education",
    "welfare",
    "justice",
    "heritage",
    "sport",
    "media",
    "agriculture",
    "fisheries",
    "food",
    "rural",
    "marine",
    "coastguard",
    "emergency",
    "social",
];

/// A common noun naming a public service ("Fire", "Rescue", "Water").
pub(crate) fn is_service_noun(lower: &str) -> bool {
    SERVICE_NOUNS.contains(&lower)
}

/// True for a street, square or station ("Belvidere Road", "Via Roma"):
/// never an actor, nor a place.
pub(crate) fn is_street(name: &str) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 2 {
        return false;
    }
    let first = words[0].to_lowercase();
    let last = words[words.len() - 1].to_lowercase();
    if STREET_LAST_WORDS.contains(&last.as_str()) || STREET_FIRST_WORDS.contains(&first.as_str()) {
        return true;
    }
    // German compounds: "Bahnhofstraße", "Marktplatz".
    words.len() <= 3
        && ["straße", "strasse", "platz", "gasse", "allee"]
            .iter()
            .any(|e| last.strip_suffix(e).is_some_and(|h| h.chars().count() >= 3))
}

/// True when a phrase that ends in a place word names a body ("Lake
/// County Water District", "Canal de Isabel II"): a public service noun
/// before "District", "Authority" or "Board", or a canal named "de" someone.
pub(crate) fn is_service_body(name: &str) -> bool {
    let words: Vec<String> = name.split(' ').map(str::to_lowercase).collect();
    let n = words.len();
    if n < 2 {
        return false;
    }
    let head = [
        "district",
        "districts",
        "authority",
        "board",
        "commission",
        "zone",
    ];
    if head.contains(&words[n - 1].as_str())
        && words[..n - 1]
            .iter()
            .any(|w| SERVICE_NOUNS.contains(&w.as_str()))
    {
        return true;
    }
    words[0] == "canal" && n >= 3 && matches!(words[1].as_str(), "de" | "del" | "do" | "da")
}

/// Last words of organisations whose names hold a place word ("Sea Links",
/// "Harbour Board", "Lake Ferries"): never places.
const ORG_HEADS: &[&str] = &[
    "links",
    "lines",
    "line",
    "company",
    "board",
    "authority",
    "agency",
    "council",
    "commission",
    "trust",
    "group",
    "club",
    "corporation",
    "ferries",
    "ferry",
    "airways",
    "airlines",
    "association",
    "institute",
    "university",
    "college",
    "school",
    "hospital",
    "committee",
    "department",
    "foundation",
    "society",
    "union",
    "services",
    "partnership",
    "festival",
    "project",
    "railway",
    "railways",
    "fc",
    "ltd",
    "inc",
];

/// Services that make a "district" a public body ("Metropolitan Water
/// Reclamation District", "Park District", "School District").
const SERVICE_WORDS: &[&str] = &[
    "water",
    "school",
    "fire",
    "sanitary",
    "sanitation",
    "reclamation",
    "irrigation",
    "park",
    "transit",
    "utility",
    "utilities",
    "hospital",
    "conservation",
    "library",
    "improvement",
    "housing",
    "drainage",
    "sewer",
    "health",
    "power",
    "flood",
    "port",
    "mosquito",
    "forest",
];

/// Direction words that may qualify a place ("Eastern Ukraine").
const DIRECTIONS: &[&str] = &[
    "eastern", "western", "northern", "southern", "central", "north", "south", "east", "west",
];

/// Lowercase key of a place spelling: lowercase, dots and a leading "the"
/// dropped, so "U.S." and "US" meet.
pub(crate) fn place_key(name: &str) -> String {
    let mut k: String = name.chars().filter(|c| *c != '.').collect::<String>();
    k = k.replace('’', "'").to_lowercase();
    match k.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => k,
    }
}

fn table() -> &'static Map<String, &'static str> {
    static T: OnceLock<Map<String, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = Map::default();
        for line in PLACES.lines() {
            let mut parts = line.split('|');
            let Some(canonical) = parts.next() else {
                continue;
            };
            m.insert(place_key(canonical), canonical);
            for v in parts {
                m.entry(place_key(v)).or_insert(canonical);
            }
        }
        m
    })
}

/// The canonical name of a place spelled `name`, if the gazetteer knows it.
/// Cyrillic names are also tried in their nominative form, since Slavic
/// prose declines them ("в Женеву", "в Москве", "России").
pub(crate) fn lookup(name: &str) -> Option<&'static str> {
    let k = place_key(name);
    if let Some(c) = table().get(&k) {
        return Some(c);
    }
    let last = k.chars().last()?;
    if !('\u{0400}'..='\u{04FF}').contains(&last) {
        return None;
    }
    for ending in ["ой", "ей", "ом", "у", "е", "ы", "и", "ю", "і"] {
        if let Some(stem) = k.strip_suffix(ending) {
            for nominative in ["", "а", "я", "ь"] {
                if let Some(c) = table().get(&format!("{stem}{nominative}")) {
                    return Some(c);
                }
            }
        }
    }
    None
}

/// The canonical name if `name` is a place: a gazetteer entry, a direction
/// before one ("Eastern Ukraine"), or a phrase ending in a place word
/// ("Lake Chad" is not; "Sea of Okhotsk" begins with one), unless an
/// organisation word heads it ("Sea Links", "Water Reclamation District").
pub(crate) fn classify(name: &str) -> Option<String> {
    if let Some(c) = lookup(name) {
        return Some(c.to_string());
    }
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() >= 2 {
        let first = words[0].to_lowercase();
        if DIRECTIONS.contains(&first.as_str())
            && let Some(c) = lookup(&words[1..].join(" "))
        {
            return Some(format!("{} {c}", words[0]));
        }
        let last = words[words.len() - 1].to_lowercase();
        if is_service_body(name)
            || is_street(name)
            || ORG_HEADS.contains(&last.as_str())
            || (last == "district"
                && words
                    .iter()
                    .any(|w| SERVICE_WORDS.contains(&w.to_lowercase().as_str())))
        {
            return None;
        }
        // "Friends of the Harbour": a place word after "of" names what a
        // body is of; only a place heads "Gulf of Riga" or "Isle of Mull".
        let is_place_word = |w: &str| {
            PLACE_WORDS.contains(&w)
                || LANDFORM_WORDS.contains(&w)
                || PLACE_FIRST_WORDS.contains(&w)
        };
        if let Some(k) = words.iter().position(|w| *w == "of")
            && k > 0
            && !is_place_word(&words[k - 1].to_lowercase())
        {
            return None;
        }
        if PLACE_WORDS.contains(&last.as_str())
            || LANDFORM_WORDS.contains(&last.as_str())
            || PLACE_FIRST_WORDS.contains(&first.as_str()) && words[1] != "of"
            || PLACE_WORDS.contains(&first.as_str()) && first != "canal"
        {
            return Some(name.to_string());
        }
    }
    None
}

/// The large gazetteer: GeoNames places of 15,000 people or more, countries
/// and US states, one spelling a line, sorted by key (see
/// `tools/gen_places.py`). Searched in place, so it costs nothing at startup.
const BIG: &str = include_str!("places.txt");

/// Key of a spelling in [`BIG`]: accents folded to ASCII, lowercase, dots
/// dropped; `None` outside the Latin script.
fn big_key(name: &str) -> Option<String> {
    let folded: String = if name.is_ascii() {
        name.to_string()
    } else {
        deunicode::deunicode(name)
    };
    let k: String = folded
        .chars()
        .filter(|c| *c != '.')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (!k.is_empty() && k.is_ascii()).then_some(k)
}

/// A letter of the Greek or Cyrillic script.
fn is_native_letter(c: char) -> bool {
    ('\u{0370}'..='\u{04FF}').contains(&c)
}

/// Key of a Cyrillic or Greek spelling in [`BIG`], as `tools/gen_places.py`
/// writes it: lowercase, Greek accents, final sigma and "ё" folded, so
/// "ΗΡΑΚΛΕΙΟ" meets "Ηράκλειο" and "Орёл" meets "Орел". `None` for names
/// in no such script.
fn native_key(name: &str) -> Option<String> {
    if !name.chars().any(is_native_letter) {
        return None;
    }
    let mut k = String::with_capacity(name.len());
    for c in name.chars().flat_map(char::to_lowercase) {
        k.push(match c {
            'ά' => 'α',
            'έ' => 'ε',
            'ή' => 'η',
            'ί' | 'ϊ' | 'ΐ' => 'ι',
            'ό' => 'ο',
            'ύ' | 'ϋ' | 'ΰ' => 'υ',
            'ώ' => 'ω',
            'ς' => 'σ',
            'ё' => 'е',
            '’' => '\'',
            c => c,
        });
    }
    Some(k)
}

/// The name of a place of the large gazetteer spelled `name` ("Gdansk" is
/// "Gdańsk", "Самара" is itself): a binary search over the sorted lines of
/// [`BIG`], by the name's Cyrillic or Greek key first, then by its key in
/// ASCII.
pub(crate) fn big_lookup(name: &str) -> Option<&'static str> {
    if name.len() > 64 {
        return None;
    }
    if let Some(k) = native_key(name)
        && let Some(p) = big_search(&k)
    {
        return Some(p);
    }
    big_search(&big_key(name)?)
}

/// The place of the line of [`BIG`] whose key is `k`.
fn big_search(k: &str) -> Option<&'static str> {
    let bytes = BIG.as_bytes();
    // `lo` is always the start of a line.
    let (mut lo, mut hi) = (0, bytes.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |p| lo + p + 1);
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes.len(), |p| start + p);
        let line = BIG.get(start..end)?;
        let (lk, place) = line.split_once('|').unwrap_or((line, line));
        let ord = lk.bytes().map(|b| b.to_ascii_lowercase()).cmp(k.bytes());
        match ord {
            std::cmp::Ordering::Equal => return Some(place),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

/// Words after which a capitalised name is a location, in many languages
/// ("in Zwolle", "bei Korbach", "près de Nantes", "desde Rosario", "w
/// Gdańsku").
const CUES: &[&str] = &[
    // English
    "in",
    "at",
    "near",
    "from",
    "to",
    "outside",
    "across",
    "around",
    "into",
    "toward",
    "towards",
    "throughout",
    "via",
    "nearby",
    "inside",
    "between", // German
    "im",
    "bei",
    "aus",
    "nach",
    "nahe",
    "von",
    "außerhalb",
    "ausserhalb",
    "nächst",
    "zwischen",
    // French
    "à",
    "en",
    "de",
    "dans",
    "depuis",
    "vers",
    "jusqu'à", // Spanish, Italian, Portuguese
    "desde",
    "hacia",
    "hasta",
    "a",
    "presso",
    "verso",
    "da",
    "di",
    "em",
    "no",
    "na",
    "para",
    "até", // Dutch
    "te",
    "bij",
    "uit",
    "naar",
    "nabij",
    "rond",
    "tussen",
    "entre",
    "tra", // Scandinavian
    "i",
    "från",
    "vid",
    "till",
    "utanför",
    "fra",
    "ved",
    "til",
    "utenfor",
    "udenfor",
    "mellan",
    // Polish, Czech, Slovak
    "w",
    "we",
    "z",
    "ze",
    "do",
    "koło",
    "pod",
    "obok",
    "niedaleko",
    "v",
    "ve",
    "u",
    "między",
    // Norwegian, Danish, Swedish "on" (islands, towns)
    "på",
    // Russian, Ukrainian
    "в",
    "во",
    "у",
    "на",
    "из",
    "под",
    "около",
    "возле",
    "біля",
    "поблизу",
    "з",
    "із",
    "зі",
    "до",
    "від",
    "під",
    "між",
    "поміж",
    "между",
    // Romanian
    "în",
    "din",
    "la",
    "lângă",
    "spre",
    // Indonesian, Malay
    "ke",
    "dari",
    // Greek
    "στο",
    "στη",
    "στην",
    "στον",
    "στα",
    "στις",
    "στους",
    "από",
    "προς",
    "κοντά",
];

/// Cues that are also name particles ("Charles de Gaulle", "Ursula von der
/// Leyen"): no cue after a capitalised word.
const PARTICLE_CUES: &[&str] = &[
    "de", "da", "di", "do", "von", "van", "du", "des", "del", "z", "la",
];

/// Cues that are common English words before other capitalised words ("a
/// Boston lawyer", "no Jackson"): ignored in English prose.
const ENGLISH_AMBIGUOUS: &[&str] = &[
    "a", "no", "do", "da", "na", "te", "de", "di", "em", "la", "din",
];

/// Cues after which Slavic prose declines the name ("w Gdańsku").
const DECLINING_CUES: &[&str] = &[
    "w",
    "we",
    "z",
    "ze",
    "do",
    "koło",
    "pod",
    "obok",
    "niedaleko",
    "v",
    "ve",
    "u",
    "na",
    "в",
    "во",
    "у",
    "на",
    "из",
    "под",
    "около",
    "возле",
    "біля",
    "поблизу",
    "з",
    "із",
    "зі",
    "до",
    "від",
    "під",
    "між",
    "поміж",
    "между",
];

/// Words naming a settlement right before its name ("Stadt Korbach",
/// "gemeente Zwolle").
const SETTLEMENT_NOUNS: &[&str] = &[
    "stadt",
    "gemeinde",
    "ortschaft",
    "stad",
    "gemeente",
    "dorp",
    "staden",
    "orten",
    "byen",
    "miasto",
    "mieście",
    "gmina",
    "gminie",
    "město",
    "městě",
    // Indonesian: city, regency, district, village, province
    "kota",
    "kabupaten",
    "kecamatan",
    "kelurahan",
    "desa",
    "provinsi",
    // Russian, Ukrainian: city, village (declined)
    "город",
    "городе",
    "города",
    "село",
    "села",
    "селе",
    "селі",
    "місто",
    "місті",
    "міста",
    "селище",
    "селища",
    // Romanian: municipality, town, commune, village, quarter
    "municipiul",
    "orașul",
    "oraşul",
    "comuna",
    "satul",
    "cartierul",
    "cartierele",
];

/// Second words of two-word cues, with the first words they need ("city
/// of", "north of", "norr om", "nördlich von", "ville de").
const PAIR_CUES: &[(&str, &[&str])] = &[
    (
        "of",
        &[
            "city",
            "town",
            "village",
            "suburb",
            "suburbs",
            "outskirts",
            "municipality",
            "borough",
            "north",
            "south",
            "east",
            "west",
            "northeast",
            "northwest",
            "southeast",
            "southwest",
            "port",
            "streets",
            "centre",
            "center",
            "heart",
            "residents",
            "mayor",
        ],
    ),
    (
        "om",
        &[
            "norr",
            "söder",
            "öster",
            "väster",
            "nordost",
            "nordväst",
            "sydost",
            "sydväst",
        ],
    ),
    (
        "von",
        &[
            "nördlich",
            "südlich",
            "östlich",
            "westlich",
            "nordöstlich",
            "südöstlich",
            "stadt",
        ],
    ),
];

/// Heads of a town's offices: a name particle after them is a cue ("the
/// mayor of", "Bürgermeister von", "maire de", "sindaco di").
const MUNICIPAL: &[&str] = &[
    "mayor",
    "bürgermeister",
    "bürgermeisterin",
    "oberbürgermeister",
    "maire",
    "alcalde",
    "alcaldesa",
    "sindaco",
    "sindaca",
    "prefeito",
    "prefeita",
    "burgemeester",
    "borgmästare",
    "burmistrz",
    "starosta",
    "council",
    "rathaus",
    "ayuntamiento",
    "mairie",
    "comune",
];

/// Endings of German common nouns (capitalised): a particle after them is
/// a preposition ("Verbindungen von Bremen"), not part of a name.
const NOUN_ENDINGS: &[&str] = &[
    "ung", "ungen", "heit", "keit", "schaft", "tion", "tät", "nis",
];

/// Endings of (German) compound nouns naming a settlement ("Marktgemeinde
/// Perchtoldsdorf", "Hansestadt Bremen").
const SETTLEMENT_ENDINGS: &[&str] = &["gemeinde", "stadt"];

/// English words before "to" that make it no cue ("according to Reed").
const NOT_BEFORE_TO: &[&str] = &[
    "according",
    "thanks",
    "due",
    "owing",
    "next",
    "spoke",
    "talked",
];

/// Lowercase words inside a place name ("Rio de Janeiro", "Frankfurt am
/// Main", "Newcastle upon Tyne").
const NAME_CONNECTORS: &[&str] = &[
    "de", "del", "della", "di", "da", "do", "dos", "das", "la", "le", "les", "am", "an", "der",
    "im", "upon", "on", "sur", "en", "y", "el", "in",
];

/// Words joining a list of places ("in Utrecht, Zwolle and Amersfoort").
const AND_WORDS: &[&str] = &[
    "and", "or", "und", "oder", "et", "ou", "y", "o", "e", "en", "och", "og", "i", "oraz", "a",
    // Indonesian, Turkish, Hungarian, Romanian, Finnish, Russian, Ukrainian
    "dan", "ve", "és", "și", "şi", "ja", "и", "і", "й", "та",
];

/// Lowercase nouns right after a name that make it a settlement or an
/// area, in languages that put them there ("Soma ilçesinde", "Algyő
/// térségében", "Ballvik kommune").
const POST_NOUNS: &[&str] = &[
    // Turkish: district, village, quarter, township (with case endings)
    "ilçesi",
    "ilçesinde",
    "ilçesine",
    "ilçesinden",
    "ilçesindeki",
    "ilçesinin",
    "köyü",
    "köyünde",
    "köyüne",
    "mahallesi",
    "mahallesinde",
    "beldesi",
    "beldesinde",
    // Hungarian: around, in the area of
    "térségében",
    "térségébe",
    "környékén",
    "környékére",
    "környékéről",
    "határában",
    // Norwegian, Danish, Swedish: municipality
    "kommune",
    "kommun",
];

/// Forms of "район" (district) after a Russian or Ukrainian adjective
/// ("в Кировском районе"), and whether the form is Ukrainian.
const RAION: &[(&str, bool)] = &[
    ("район", false),
    ("районе", false),
    ("района", false),
    ("районом", false),
    ("районі", true),
    ("району", true),
];

/// Letters of Polish, Czech, Slovak and the South Slavic languages that
/// no Romance or Germanic language writes.
const SLAVIC_LETTERS: &str = "łąęśźżćńřěůčšžťďľĺŕŁŚŹŻĆŃŘČŠŽĽ";

/// English suffixes of "X-based" and the like.
const BASED: &[&str] = &["-based", "-born", "-headquartered", "‐based"];

/// A place of the large gazetteer found with locative evidence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cued {
    /// Its canonical name.
    pub name: String,
    /// Every capitalised mention of it in the text has a cue, so it names
    /// a place and nothing else there.
    pub all_locative: bool,
    /// A gazetteer lists it; else only the text says it is a place, and
    /// an actor of the same name stays an actor.
    pub listed: bool,
}

/// A word of a line: byte range.
#[derive(Debug, Clone, Copy)]
struct W {
    s: usize,
    e: usize,
}

/// [`line_words`] of an ASCII line, by bytes: most lines of most pages,
/// and the scan every line of every capture goes through.
fn ascii_line_words(b: &[u8]) -> Vec<W> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, &c) in b.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start {
            let inner =
                matches!(c, b'\'' | b'-') && b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric);
            if inner {
                continue;
            }
            out.push(W { s, e: i });
            start = None;
        }
    }
    if let Some(s) = start {
        out.push(W { s, e: b.len() });
    }
    out
}

/// The words of a line: runs of letters and digits, with the apostrophes
/// and hyphens inside them ("O'Neill", "Denver-based").
fn line_words(line: &str) -> Vec<W> {
    if line.is_ascii() {
        return ascii_line_words(line.as_bytes());
    }
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut it = line.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start {
            let inner = matches!(c, '\'' | '’' | '-' | '‐')
                && it.peek().is_some_and(|(_, n)| n.is_alphanumeric());
            if inner {
                continue;
            }
            out.push(W { s, e: i });
            start = None;
        }
    }
    if let Some(s) = start {
        out.push(W { s, e: line.len() });
    }
    out
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A word of `line` in lowercase.
fn low(line: &str, w: W) -> String {
    line[w.s..w.e].to_lowercase()
}

/// Words `a` and `b` of a line are separated by one space.
fn spaced(line: &str, a: W, b: W) -> bool {
    matches!(line.get(a.e..b.s), Some(" " | "\u{a0}"))
}

/// Word `i` starts a sentence (or the line).
fn starts_sentence(line: &str, ws: &[W], i: usize) -> bool {
    let before = match i.checked_sub(1) {
        None => &line[..ws[i].s],
        Some(p) => &line[ws[p].e..ws[i].s],
    };
    i == 0 || before.contains(['.', '!', '?', ':', '"', '“', '„', '«', '—', '–'])
}

/// The last word of the capitalised run starting at word `j`, connectors
/// included ("Porto Alegre", "Rio de Janeiro").
fn run_end(line: &str, ws: &[W], j: usize) -> Option<usize> {
    if !is_cap(&line[ws[j].s..ws[j].e]) {
        return None;
    }
    let (mut last, mut k) = (j, j + 1);
    while k < ws.len() && k - j < 6 && spaced(line, ws[k - 1], ws[k]) {
        if is_cap(&line[ws[k].s..ws[k].e]) {
            last = k;
            k += 1;
        } else if NAME_CONNECTORS.contains(&&line[ws[k].s..ws[k].e])
            && ws
                .get(k + 1)
                .is_some_and(|n| spaced(line, ws[k], *n) && is_cap(&line[n.s..n.e]))
        {
            last = k + 1;
            k += 2;
        } else {
            break;
        }
    }
    Some(last)
}

/// Case endings of Polish and Czech place names after a preposition, and
/// the nominative endings that may replace them ("Gdańsku" is "Gdańsk",
/// "Bohunicích" is "Bohunice").
const LATIN_CASES: &[(&str, &[&str])] = &[
    ("ích", &["e"]),
    ("iu", &["", "a", "ia"]),
    ("ie", &["", "a", "ia"]),
    ("u", &["", "a", "ia"]),
    ("a", &["", "a", "ia"]),
    ("y", &["", "a", "ia"]),
    ("e", &["", "a", "ia"]),
    ("i", &["", "a", "ia"]),
    ("ě", &["", "a", "ia"]),
];

/// The place a run of words names: the large gazetteer, or (after a Slavic
/// cue) a declined form of a place of either list: Cyrillic forms when
/// `declining`, Latin ones only when `latin` too (Slavic prose: "do Arade"
/// in Portuguese is no form of "Arad"). Names of the compact list as
/// written are left to it (`None`).
fn run_place(run: &str, declining: bool, latin: bool) -> Option<&'static str> {
    if lookup(run).is_some() {
        return None;
    }
    // After a Slavic cue a Cyrillic name is declined: its nominative first,
    // since GeoNames also lists a few declined forms ("в Самаре").
    if declining
        && run.chars().next_back().is_some_and(is_native_letter)
        && let Some(p) = cyrillic_nominative(run)
    {
        return Some(p);
    }
    if let Some(p) = big_lookup(run) {
        return Some(p);
    }
    if !latin || run.contains(' ') || run.chars().count() < 5 {
        return None;
    }
    for (ending, nominatives) in LATIN_CASES {
        let Some(stem) = run.strip_suffix(ending) else {
            continue;
        };
        for nominative in *nominatives {
            let cand = format!("{stem}{nominative}");
            if let Some(p) = lookup(&cand).or_else(|| big_lookup(&cand)) {
                return Some(p);
            }
        }
    }
    None
}

/// Case endings of Russian and Ukrainian nouns after a preposition, and the
/// nominative endings that may replace them ("Самаре" is "Самара",
/// "Франківську" is "Франківськ", "Черкассах" is "Черкассы").
const CYRILLIC_CASES: &[(&str, &[&str])] = &[
    ("ах", &["ы", "и"]),
    ("ях", &["и"]),
    ("ой", &["а", "ая"]),
    ("ей", &["а", "я", "ь"]),
    ("ом", &[""]),
    ("ем", &["ь", "", "е"]),
    ("ою", &["а"]),
    ("ею", &["я"]),
    ("у", &["", "а"]),
    ("ю", &["я", "ь"]),
    ("е", &["а", "я", "ь", ""]),
    ("ы", &["а"]),
    ("и", &["а", "я", "ь"]),
    ("і", &["а", "я", "ь", ""]),
    ("ї", &["я"]),
    ("а", &["", "о"]),
    ("я", &["ь"]),
];

/// The place of the large gazetteer a declined Cyrillic name is a form of.
/// A genitive in "-а"/"-я" ("из Львова") is only read so when the run is
/// no place as written ("Самара" is no form of "Самар").
fn cyrillic_nominative(run: &str) -> Option<&'static str> {
    let mut as_written: Option<Option<&'static str>> = None;
    for (ending, nominatives) in CYRILLIC_CASES {
        let Some(stem) = run.strip_suffix(ending) else {
            continue;
        };
        if matches!(*ending, "а" | "я")
            && as_written.get_or_insert_with(|| big_lookup(run)).is_some()
        {
            continue;
        }
        if stem.chars().count() < 3 {
            continue;
        }
        // Its own script only: a transliterated guess ("Kazana") may be
        // some other place's Latin spelling.
        for n in *nominatives {
            if let Some(p) = native_key(&format!("{stem}{n}")).and_then(|k| big_search(&k)) {
                return Some(p);
            }
        }
    }
    None
}

/// Every word [`cued_at`] reads as a cue or a settlement noun, lowercase.
fn cue_words() -> &'static std::collections::HashSet<&'static str> {
    static WORDS: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        CUES.iter()
            .chain(SETTLEMENT_NOUNS)
            .copied()
            .chain(PAIR_CUES.iter().map(|(second, _)| *second))
            .collect()
    })
}

/// False when word `w` before a name cannot make [`cued_at`] say
/// anything: no cue, settlement noun or settlement compound. Nearly every
/// word before a capital fails here, without allocating or scanning the
/// lists one by one.
fn may_be_cue(w: &str) -> bool {
    if w.len() > 8 && !w.is_ascii() || w.len() > 24 {
        // Long compounds ("Landeshauptstadt") take the full test.
        return true;
    }
    let mut buf = [0u8; 24];
    let Some(lower) = buf.get_mut(..w.len()) else {
        return true;
    };
    if !w.is_ascii() {
        return true;
    }
    for (d, s) in lower.iter_mut().zip(w.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(lower).unwrap_or_default();
    cue_words().contains(lower)
        || lower.len() > 8 && SETTLEMENT_ENDINGS.iter().any(|e| lower.ends_with(e))
}

/// What the cue before a name says.
#[derive(Debug, Clone, Copy)]
struct Cue {
    /// Slavic prose declines the name after it ("w Gdańsku").
    declining: bool,
    /// It names a settlement itself ("Kecamatan", "the town of"): the name
    /// after it is a place even when no gazetteer lists it.
    strong: bool,
}

/// First words of "X of" that name a settlement ("the town of Leba"),
/// unlike "north of" or "mayor of".
const SETTLEMENT_OF: &[&str] = &[
    "city",
    "town",
    "village",
    "suburb",
    "suburbs",
    "municipality",
    "borough",
];

/// Word `j` starts a name after a locative cue.
fn cued_at(line: &str, ws: &[W], j: usize, english: bool) -> Option<Cue> {
    let p = j.checked_sub(1)?;
    if !spaced(line, ws[p], ws[j]) {
        return None;
    }
    if !may_be_cue(&line[ws[p].s..ws[p].e]) {
        return None;
    }
    let cue = low(line, ws[p]);
    let prev2 = p.checked_sub(1).filter(|&q| spaced(line, ws[q], ws[p]));
    if SETTLEMENT_NOUNS.contains(&cue.as_str())
        || (cue.chars().count() > 8 && SETTLEMENT_ENDINGS.iter().any(|e| cue.ends_with(e)))
    {
        return Some(Cue {
            declining: false,
            strong: true,
        });
    }
    if let Some(q) = prev2
        && let Some((_, firsts)) = PAIR_CUES.iter().find(|(second, _)| *second == cue)
    {
        let first = low(line, ws[q]);
        if firsts.contains(&first.as_str()) {
            return Some(Cue {
                declining: false,
                strong: SETTLEMENT_OF.contains(&first.as_str()),
            });
        }
    }
    if !CUES.contains(&cue.as_str())
        || (english && ENGLISH_AMBIGUOUS.contains(&cue.as_str()))
        || (is_cap(&line[ws[p].s..ws[p].e]) && !starts_sentence(line, ws, p))
    {
        return None;
    }
    if let Some(q) = prev2 {
        let before = &line[ws[q].s..ws[q].e];
        let head = before
            .rsplit(['-', '‐'])
            .next()
            .unwrap_or(before)
            .to_lowercase();
        let office = MUNICIPAL.contains(&head.as_str())
            || NOUN_ENDINGS.iter().any(|e| head.ends_with(e))
            || super::lexicon::lexicon().is_title(&head)
            || SETTLEMENT_ENDINGS.iter().any(|e| head.ends_with(e));
        if PARTICLE_CUES.contains(&cue.as_str()) && is_cap(before) && !office {
            return None;
        }
        if cue == "to" && NOT_BEFORE_TO.contains(&before.to_lowercase().as_str()) {
            return None;
        }
    }
    Some(Cue {
        declining: DECLINING_CUES.contains(&cue.as_str()),
        strong: false,
    })
}

/// Turkish case endings after the apostrophe that closes a proper noun
/// ("Manisa'da", "İzmir'den", "Bursa'ya", "Manisa'nın"): locative,
/// ablative, dative and genitive.
const TURKISH_CASES: &[&str] = &[
    "da", "de", "ta", "te", "dan", "den", "tan", "ten", "nda", "nde", "ndan", "nden", "ya", "ye",
    "a", "e", "daki", "deki", "taki", "teki", "nın", "nin", "nun", "nün", "ın", "in", "un", "ün",
];

/// Finnish case endings of a place name: inessive, elative, adessive,
/// ablative, allative, genitive ("Vaasassa", "Kokkolasta", "Vaasan").
const FINNISH_CASES: &[&str] = &[
    "ssa", "ssä", "sta", "stä", "lla", "llä", "lta", "ltä", "lle", "n",
];

/// Hungarian case endings of a place name ("Szegeden", "Győrben",
/// "Szegednél", "Algyőről").
const HUNGARIAN_CASES: &[&str] = &[
    "ban", "ben", "ba", "be", "ból", "ből", "ról", "ről", "ra", "re", "nál", "nél", "hoz", "hez",
    "höz", "tól", "től", "ig", "on", "en", "ön", "n",
];

/// Words frequent in Finnish prose and rare elsewhere.
const FINNISH_MARKERS: &[&str] = &["että", "myös", "mukaan", "ovat", "mutta", "kello", "oli"];

/// Words frequent in Hungarian prose and rare elsewhere.
const HUNGARIAN_MARKERS: &[&str] = &["hogy", "szerint", "már", "egy", "azt", "csak", "mint"];

/// A language that writes the case of a place as a suffix, not a
/// preposition.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Suffixing {
    Finnish,
    Hungarian,
    Neither,
}

/// The suffixing language `text` is written in, from its marker words
/// and letters: "ä" and "ö" with none of the letters of Swedish, German,
/// Estonian or Hungarian are Finnish, "ő" and "ű" Hungarian (a short
/// post of a live blog may hold few marker words).
fn suffixing(title: &str, text: &str) -> Suffixing {
    let (mut umlauts, mut foreign, mut magyar) = (0, false, 0);
    // Accented vowels besides 'ä', 'ö', 'ő' and 'ű': Hungarian has them
    // (as do other languages).
    let mut acute = 0;
    for c in title.chars().chain(text.chars()) {
        match c {
            'ä' | 'ö' => umlauts += 1,
            'ő' | 'ű' => magyar += 1,
            'á' | 'é' | 'í' | 'ó' | 'ú' => {
                acute += 1;
                foreign = true;
            }
            'å' | 'ü' | 'õ' | 'ß' => foreign = true,
            _ => {}
        }
    }
    // Neither language is written without these letters: an English page
    // with curly quotes leaves here, before fourteen word searches.
    if umlauts + magyar + acute == 0 {
        return Suffixing::Neither;
    }
    let count = |ws: &[&str]| -> usize { ws.iter().map(|w| count_word_upto(text, w, 2)).sum() };
    let (mut fi, mut hu) = (count(FINNISH_MARKERS), count(HUNGARIAN_MARKERS));
    if umlauts >= 3 && !foreign && magyar == 0 {
        fi += 3;
    }
    if magyar >= 2 {
        hu += 3;
    }
    if fi >= 3 && fi > hu {
        Suffixing::Finnish
    } else if hu >= 3 && hu > fi {
        Suffixing::Hungarian
    } else {
        Suffixing::Neither
    }
}

/// A place of either gazetteer spelled `stem`.
fn any_place(stem: &str) -> Option<&'static str> {
    lookup(stem).or_else(|| big_lookup(stem))
}

/// The place a word names with a Turkish case ending after an apostrophe
/// ("Manisa'da" is Manisa).
fn turkish_place(word: &str) -> Option<&'static str> {
    let (head, tail) = word.rsplit_once(['\'', '’'])?;
    if head.chars().count() < 3 || !is_cap(head) || !TURKISH_CASES.contains(&tail) {
        return None;
    }
    any_place(head)
}

/// The place a capitalised word names with a Finnish or Hungarian case
/// ending, undoing the stem changes the ending brings: Finnish consonant
/// gradation ("Seinäjoella" is Seinäjoki, "Kurikassa" Kurikka) and long
/// vowels ("Vaasaan" is Vaasa), Hungarian lengthened vowels
/// ("Szentendrén" is Szentendre).
fn suffixed_place(word: &str, lang: Suffixing) -> Option<&'static str> {
    let endings = match lang {
        Suffixing::Finnish => FINNISH_CASES,
        Suffixing::Hungarian => HUNGARIAN_CASES,
        Suffixing::Neither => return None,
    };
    let mut stems: Vec<String> = Vec::new();
    for e in endings {
        if let Some(stem) = word.strip_suffix(e) {
            stems.push(stem.to_string());
        }
    }
    // Finnish illative: the last vowel doubled, then "n" ("Vaasaan").
    if lang == Suffixing::Finnish
        && let Some(stem) = word.strip_suffix('n')
        && let mut cs = stem.chars().rev()
        && let (Some(a), Some(b)) = (cs.next(), cs.next())
        && a == b
        && "aeiouyäö".contains(a)
    {
        stems.push(stem[..stem.len() - a.len_utf8()].to_string());
    }
    for stem in stems {
        if stem.chars().count() < 4 {
            continue;
        }
        let mut forms = vec![stem.clone()];
        match lang {
            Suffixing::Finnish => {
                for (from, to) in [("joe", "joki"), ("mäe", "mäki"), ("järve", "järvi")] {
                    if let Some(s) = stem.strip_suffix(from) {
                        forms.push(format!("{s}{to}"));
                    }
                }
                // Weak grade of a double stop ("Kurika-" of Kurikka).
                let cs: Vec<char> = stem.chars().collect();
                if let [.., c, v] = cs[..]
                    && "kpt".contains(c)
                    && "aeiouyäö".contains(v)
                {
                    let cut = stem.len() - v.len_utf8();
                    forms.push(format!("{}{c}{v}", &stem[..cut]));
                }
            }
            Suffixing::Hungarian => {
                for (from, to) in [('á', 'a'), ('é', 'e')] {
                    if let Some(s) = stem.strip_suffix(from) {
                        forms.push(format!("{s}{to}"));
                    }
                }
            }
            Suffixing::Neither => {}
        }
        if let Some(p) = forms.iter().find_map(|f| any_place(f)) {
            return Some(p);
        }
    }
    None
}

/// After a line's opening name, what makes it a dateline: an optional
/// country or date, then an agency in parentheses or a dash ("KIRUNA,
/// Sweden (Wire) —", "CORK —", "Korbach (dpa) -").
fn dateline_tail(rest: &str) -> bool {
    let mut prev = ' ';
    for (i, c) in rest.char_indices() {
        if i > 60 {
            return false;
        }
        match c {
            '(' | '—' | '–' => return true,
            '-' if prev == ' ' && rest[i + 1..].starts_with(' ') => return true,
            c if c.is_lowercase() && !prev.is_alphanumeric() => return false,
            '!' | '?' | ';' | '"' | '“' | '«' => return false,
            _ => {}
        }
        prev = c;
    }
    false
}

/// Word-bounded occurrences of `word` in `text`, with the case as given.
fn count_word(text: &str, word: &str) -> usize {
    count_word_upto(text, word, usize::MAX)
}

/// [`count_word`], stopping once it reaches `most`.
fn count_word_upto(text: &str, word: &str, most: usize) -> usize {
    if word.is_empty() {
        return 0;
    }
    text.match_indices(word)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .take(most)
        .count()
}

/// Occurrences of `word` in `text` that are not part of a longer
/// capitalised name ("Denver" in "the Denver Board of Education" or
/// "Hart van Utrecht" does not count).
fn count_standalone(text: &str, word: &str) -> usize {
    if word.is_empty() {
        return 0;
    }
    let prev_word = |end: usize| -> Option<(usize, &str)> {
        let t = text.get(..end)?.strip_suffix(' ')?;
        let start = t
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric())
            .last()
            .map(|(i, _)| i)?;
        Some((start, &t[start..]))
    };
    text.match_indices(word)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let rest = &text[i + word.len()..];
            if before.is_some_and(char::is_alphanumeric)
                || rest.chars().next().is_some_and(char::is_alphanumeric)
            {
                return false;
            }
            if rest
                .strip_prefix(' ')
                .is_some_and(|r| r.chars().next().is_some_and(char::is_uppercase))
            {
                return false;
            }
            match prev_word(*i) {
                Some((_, p)) if is_cap(p) => CUES.contains(&p.to_lowercase().as_str()),
                Some((ps, p)) if PARTICLE_CUES.contains(&p) || p == "of" => {
                    !prev_word(ps).is_some_and(|(_, q)| is_cap(q))
                }
                _ => true,
            }
        })
        .count()
}

/// Places of the large gazetteer that `title` and `text` (one capture)
/// mention with locative evidence: after a preposition in some language
/// ("in Kendal", "bei Korbach", "w Gdańsku"), at a dateline ("ZWOLLE
/// (ANP) -"), in "Denver-based", after "city of" or "Stadt", or listed
/// with such a place ("in Utrecht and Zwolle"). A name only counts as the
/// whole capitalised run ("Denver Water Board" is not Denver), and never
/// when the text also writes it in lowercase ("a nice day" keeps Nice
/// out). Names of the compact list are left to it.
pub(crate) fn cued_places<'a>(title: &'a str, text: &'a str) -> Vec<Cued> {
    let english = count_word_upto(text, "the", 3) + count_word_upto(text, "The", 3) >= 3;
    // (canonical, surface)
    let mut hits: Vec<(Cow<'a, str>, &'a str)> = Vec::new();
    // Read only once a word may need it: English texts never do.
    let mut lang: Option<Suffixing> = None;
    let mut slavic: Option<bool> = None;
    for line in title.lines().chain(text.lines()) {
        if !line.bytes().any(|b| b.is_ascii_uppercase()) && line.is_ascii() {
            continue;
        }
        let ws = line_words(line);
        // Case endings on the name itself, where Turkish, Finnish and
        // Hungarian put what other languages say with a preposition. The
        // ending closes the name: no capitalised word follows it. In
        // English only a Turkish name with its apostrophe can have one.
        let endings =
            !english || memchr::memchr(b'\'', line.as_bytes()).is_some() || line.contains('’');
        for (i, w) in ws.iter().enumerate().filter(|_| endings) {
            let word = &line[w.s..w.e];
            if !is_cap(word)
                || word.len() < 5
                || ws
                    .get(i + 1)
                    .is_some_and(|n| spaced(line, *w, *n) && is_cap(&line[n.s..n.e]))
            {
                continue;
            }
            let found = if word.contains(['\'', '’']) {
                turkish_place(word)
            } else if english {
                None
            } else {
                // Read once per text, at its first capitalised word.
                let l = *lang.get_or_insert_with(|| suffixing(title, text));
                // A Finnish genitive "-n" opening a sentence is as often
                // an adjective's ("Pahin vaihe").
                if l == Suffixing::Finnish && word.ends_with('n') && starts_sentence(line, &ws, i) {
                    None
                } else {
                    suffixed_place(word, l)
                }
            };
            if let Some(p) = found {
                hits.push((Cow::Borrowed(p), word));
                // Names listed before it ("Akhisar, Kırkağaç ve İzmir'in"):
                // in Turkish the ending closes the whole list.
                if word.contains(['\'', '’']) {
                    push_listed_before(line, &ws, i, &mut hits);
                }
            }
        }
        if !english {
            after_nouns(line, &ws, &mut hits);
        }
        // A dateline.
        if let Some(first) = ws.first()
            && line[..first.s].trim().is_empty()
            && let Some(last) = run_end(line, &ws, 0)
            && dateline_tail(&line[ws[last].e..])
        {
            let run = &line[first.s..ws[last].e];
            if let Some(p) = run_place(run, false, false) {
                hits.push((Cow::Borrowed(p), run));
            }
        }
        let mut j = 0;
        while j < ws.len() {
            let w = &line[ws[j].s..ws[j].e];
            // "Denver-based".
            // Only a hyphenated word can be one (a byte test spares the
            // suffix comparisons for nearly every word).
            if w.len() > 5
                && w.as_bytes().iter().any(|&b| b == b'-' || b >= 0x80)
                && let Some(head) = BASED.iter().find_map(|b| w.strip_suffix(b))
                && is_cap(head)
                && (j == 0
                    || !is_cap(&line[ws[j - 1].s..ws[j - 1].e])
                    || starts_sentence(line, &ws, j))
                && let Some(p) = run_place(head, false, false)
            {
                hits.push((Cow::Borrowed(p), head));
                j += 1;
                continue;
            }
            // Names start with a capital: most words end here.
            if !is_cap(w) {
                j += 1;
                continue;
            }
            let Some(cue) = cued_at(line, &ws, j, english) else {
                j += 1;
                continue;
            };
            let Some(mut last) = run_end(line, &ws, j) else {
                j += 1;
                continue;
            };
            // "dari Kecamatan Rungkut": the settlement noun is the cue.
            if j < last && SETTLEMENT_NOUNS.contains(&low(line, ws[j]).as_str()) {
                j += 1;
                continue;
            }
            let declining = cue.declining;
            let latin = declining && *slavic.get_or_insert_with(|| slavic_text(title, text));
            let cue_word = low(line, ws[j - 1]);
            // An article ("la Federación de ...", "a Câmara de ...") opens
            // the name of a body as often as a place: its run is not cut.
            let article = matches!(cue_word.as_str(), "la" | "a");
            let mut start = j;
            // The place, then any listed with it ("in Utrecht, Zwolle and
            // Amersfoort"): a listed name counts after "and" or before
            // another listed name, so "In Kendal, Reading fans said" keeps
            // Reading out.
            let mut first = true;
            let mut after_and = false;
            // (place, surface, counts as listed, known to a gazetteer)
            let mut items: Vec<(Option<&'static str>, &'a str, bool, bool)> = Vec::new();
            loop {
                let mut run = &line[ws[start].s..ws[last].e];
                let mut possessive = false;
                for s in ["'s", "’s"] {
                    if let Some(r) = run.strip_suffix(s) {
                        run = r;
                        possessive = true;
                    }
                }
                // A short word in capitals is an acronym ("A APA explica").
                let acronym = start == last
                    && run.chars().count() <= 5
                    && !run.chars().any(char::is_lowercase);
                let mut found = (!acronym)
                    .then(|| run_place(run, declining, latin))
                    .flatten();
                // "to Salford on Tuesday": a shorter run, cut before a
                // connector, never between two capitalised words.
                let mut k = last;
                while found.is_none() && k > start && !article {
                    k -= 1;
                    let next = low(line, ws[k + 1]);
                    if is_cap(&line[ws[k].s..ws[k].e]) && NAME_CONNECTORS.contains(&next.as_str()) {
                        let shorter = &line[ws[start].s..ws[k].e];
                        found = run_place(shorter, declining, latin);
                        if found.is_some() {
                            run = shorter;
                            last = k;
                        }
                    }
                }
                // The next listed name: ", Zwolle" or "and Zwolle".
                let mut next = last + 1;
                let mut next_after_and = false;
                if let Some(nw) = ws.get(next) {
                    let gap = &line[ws[last].e..nw.s];
                    if gap == " " && AND_WORDS.contains(&low(line, *nw).as_str()) {
                        next_after_and = true;
                        if ws.get(next + 1).is_some_and(|n2| spaced(line, *nw, *n2)) {
                            next += 1;
                        } else {
                            next = ws.len();
                        }
                    } else if gap != ", " {
                        next = ws.len();
                    }
                }
                let next_end = (next < ws.len())
                    .then(|| run_end(line, &ws, next))
                    .flatten();
                let listed = (first || after_and || next_end.is_some())
                    && !(possessive && matches!(cue_word.as_str(), "at" | "to" | "from"));
                let mut known = found.is_some() || (!acronym && lookup(run).is_some());
                // An adjective before "район" names a district, read apart.
                if ws.get(last + 1).is_some_and(|n| {
                    spaced(line, ws[last], *n) && RAION.iter().any(|(f, _)| *f == &line[n.s..n.e])
                }) {
                    found = None;
                    known = true;
                }
                items.push((found, run, listed, known));
                let Some(l2) = next_end else {
                    break;
                };
                first = false;
                after_and = next_after_and;
                start = next;
                last = l2;
            }
            // Names no gazetteer lists count after a settlement noun
            // ("Kecamatan Rungkut dan Gunung Anyar") or listed with a
            // known place ("in Bellville, Khayelitsha and Mitchells Plain").
            // Not after "between", which joins parties as often as places
            // ("between Israel and Hamas").
            let unknown_ok = cue.strong
                || items.len() >= 2
                    && items.iter().any(|i| i.3)
                    && !BETWEEN.contains(&cue_word.as_str());
            for (found, run, listed, known) in items {
                if !listed {
                    continue;
                }
                if let Some(p) = found {
                    hits.push((Cow::Borrowed(p), run));
                } else if unknown_ok && !known && clean_unknown(run) {
                    hits.push((Cow::Borrowed(run), run));
                }
            }
            j = last + 1;
        }
    }
    let mut out: Vec<Cued> = Vec::new();
    for (i, (place, surface)) in hits.iter().enumerate() {
        if hits[..i].iter().any(|h| h.0 == *place) {
            continue;
        }
        let surfaces: Vec<&str> = hits.iter().filter(|h| h.0 == *place).map(|h| h.1).collect();
        // A common word of this text ("Nice" and "a nice day").
        let lowercase = surface.to_lowercase();
        if !surface.contains(' ')
            && (count_word(text, &lowercase) > 0 || count_word(title, &lowercase) > 0)
        {
            continue;
        }
        let mut forms: Vec<&str> = surfaces.clone();
        forms.push(place);
        forms.sort_unstable();
        forms.dedup();
        let total: usize = forms.iter().map(|f| count_standalone(text, f)).sum();
        out.push(Cued {
            name: as_written(place, &surfaces).to_string(),
            all_locative: surfaces.len() >= total,
            listed: matches!(place, Cow::Owned(_)) || any_place(place).is_some(),
        });
    }
    out
}

/// The spelling of `place` to report: the page's own when it differs only
/// in accents ("Leba" for "Łeba", "Timișoara" for "Timişoara"), unless the
/// page writes it in capitals (a dateline's "ZWOLLE").
fn as_written<'s>(place: &'s str, surfaces: &[&'s str]) -> &'s str {
    surfaces
        .iter()
        .find(|s| {
            **s != place
                && s.chars().any(char::is_lowercase)
                && big_key(s).is_some()
                && big_key(s) == big_key(place)
        })
        .copied()
        .unwrap_or(place)
}

/// "Between" in the languages of [`CUES`].
const BETWEEN: &[&str] = &[
    "between",
    "zwischen",
    "entre",
    "tra",
    "tussen",
    "mellan",
    "między",
    "між",
    "поміж",
    "между",
];

/// A name no gazetteer lists that may still be a place where the text
/// says so: one to three capitalised words (connectors inside), none of
/// them a common word, title, organisation word or direction, no street
/// and no acronym.
fn clean_unknown(run: &str) -> bool {
    let words: Vec<&str> = run.split(' ').collect();
    let n = words.len();
    if n > 3 || run.chars().count() < 3 || is_street(run) || is_service_body(run) {
        return false;
    }
    // A known place and more: a person or body after it ("Kota Surabaya
    // Yuni Astuti").
    if (1..n).any(|k| any_place(&words[..k].join(" ")).is_some()) {
        return false;
    }
    words.iter().enumerate().all(|(i, w)| {
        let l = w.to_lowercase();
        if i > 0 && i + 1 < n && NAME_CONNECTORS.contains(&l.as_str()) {
            return true;
        }
        is_cap(w)
            && w.chars().any(char::is_lowercase)
            && !w.chars().any(|c| c.is_ascii_digit())
            && !super::is_common_word(&l)
            && !ORG_HEADS.contains(&l.as_str())
            && !DIRECTIONS.contains(&l.as_str())
    })
}

/// The first word of the capitalised run (at most three words) that ends
/// at word `e`.
fn run_start(line: &str, ws: &[W], e: usize) -> Option<usize> {
    let w = ws.get(e)?;
    if !is_cap(&line[w.s..w.e]) {
        return None;
    }
    let mut s = e;
    while s > 0
        && e - s < 2
        && spaced(line, ws[s - 1], ws[s])
        && is_cap(&line[ws[s - 1].s..ws[s - 1].e])
        && !line[ws[s - 1].s..ws[s - 1].e].contains(['\'', '’'])
        && !starts_sentence(line, ws, s)
    {
        s -= 1;
    }
    Some(s)
}

/// Adds the names listed before word `i`, a place ("Akhisar, Kırkağaç ve
/// İzmir'in", "Mindszent és Algyő térségében"): runs joined by ", " or an
/// "and" word, known places, or names no gazetteer lists that do not open
/// a sentence.
fn push_listed_before<'a>(
    line: &'a str,
    ws: &[W],
    i: usize,
    hits: &mut Vec<(Cow<'a, str>, &'a str)>,
) {
    let mut cur = i;
    while let Some(prev) = cur.checked_sub(1) {
        let gap = &line[ws[prev].e..ws[cur].s];
        let end = if gap == ", " {
            prev
        } else if gap == " "
            && AND_WORDS.contains(&low(line, ws[prev]).as_str())
            && prev > 0
            && spaced(line, ws[prev - 1], ws[prev])
        {
            prev - 1
        } else {
            break;
        };
        let Some(s) = run_start(line, ws, end) else {
            break;
        };
        let run = &line[ws[s].s..ws[end].e];
        if let Some(p) = any_place(run) {
            hits.push((Cow::Borrowed(p), run));
        } else if clean_unknown(run) && !starts_sentence(line, ws, s) {
            hits.push((Cow::Borrowed(run), run));
        } else {
            break;
        }
        cur = s;
    }
}

/// Adds the places named before a noun that follows them ("Soma
/// ilçesinde", "Vestby kommune", "в Кировском районе"), with any listed
/// before them.
fn after_nouns<'a>(line: &'a str, ws: &[W], hits: &mut Vec<(Cow<'a, str>, &'a str)>) {
    for (i, w) in ws.iter().enumerate().skip(1) {
        let word = &line[w.s..w.e];
        // Every noun of both lists starts with one of these letters.
        if !matches!(
            word.chars().next(),
            Some('i' | 'k' | 'm' | 'b' | 't' | 'h' | 'р')
        ) || !spaced(line, ws[i - 1], *w)
        {
            continue;
        }
        if let Some(&(_, ukrainian)) = RAION.iter().find(|(f, _)| *f == word) {
            let adj = &line[ws[i - 1].s..ws[i - 1].e];
            if let Some(name) = raion_name(adj, ukrainian) {
                hits.push((Cow::Owned(name), adj));
            }
            continue;
        }
        if !POST_NOUNS.contains(&word) {
            continue;
        }
        let Some(s) = run_start(line, ws, i - 1) else {
            continue;
        };
        let run = &line[ws[s].s..ws[i - 1].e];
        if let Some(p) = any_place(run) {
            hits.push((Cow::Borrowed(p), run));
        } else if clean_unknown(run) && !starts_sentence(line, ws, s) {
            hits.push((Cow::Borrowed(run), run));
        } else {
            continue;
        }
        push_listed_before(line, ws, s, hits);
    }
}

/// The district a capitalised Russian or Ukrainian adjective before a
/// form of "район" names, in the nominative ("Кировском" is "Кировский
/// район", "Промисловому" in Ukrainian "Промисловий район").
fn raion_name(adj: &str, ukrainian: bool) -> Option<String> {
    if !is_cap(adj) || !adj.chars().all(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
        return None;
    }
    let stem = ["ого", "ому", "ом", "ым", "им", "ім", "ий", "ый"]
        .iter()
        .find_map(|e| adj.strip_suffix(e))?;
    if stem.chars().count() < 3 {
        return None;
    }
    // Russian writes "-ий" after a velar or hushing consonant, else "-ый".
    let soft = ukrainian
        || stem
            .chars()
            .next_back()
            .is_some_and(|c| "кгхжшчщ".contains(c));
    Some(format!("{stem}{} район", if soft { "ий" } else { "ый" }))
}

/// True for prose in a Slavic language of the Latin script, which
/// declines names after prepositions ("w Gdańsku", "v Bohunicích").
fn slavic_text(title: &str, text: &str) -> bool {
    title
        .chars()
        .chain(text.chars())
        .filter(|c| SLAVIC_LETTERS.contains(*c))
        .take(2)
        .count()
        >= 2
}

/// Adds to every doc's places those of the large gazetteer its text gives
/// locative evidence for (see [`add_cued_places`]), per doc, on every core.
pub(crate) fn add_cued(
    docs: &[super::Doc<'_>],
    config: &crate::config::Config,
    names: &mut super::Names,
) {
    use rayon::prelude::*;
    let corrections = [&config.actors, &config.places];
    names
        .actors
        .par_iter_mut()
        .zip(names.places.par_iter_mut())
        .zip(docs.par_iter())
        .for_each(|((actors, places), d)| {
            add_cued_places(d.title, d.text, &d.exclude, &corrections, actors, places);
        });
}

/// Adds to one doc's places the places of the large gazetteer its text
/// gives locative evidence for ([`cued_places`]), unless a person's name
/// holds the name ("Austin Reed") or the site's corrections say otherwise.
/// An actor of the same name gives way only when every mention of it is
/// locative.
pub(crate) fn add_cued_places(
    title: &str,
    text: &str,
    exclude: &[String],
    corrections: &[&crate::config::Corrections],
    actors: &mut Vec<String>,
    places: &mut Vec<String>,
) {
    let lex = super::lexicon::lexicon();
    for c in cued_places(title, text) {
        let mut name = c.name;
        let k = place_key(&name);
        let mut is_place = true;
        let mut blocked = exclude.iter().any(|e| place_key(e) == k);
        for corr in corrections {
            for (canonical, variants) in &corr.aliases {
                if place_key(canonical) == k || variants.iter().any(|v| place_key(v) == k) {
                    name.clone_from(canonical);
                }
            }
            blocked |= corr.block.iter().any(|b| place_key(b) == k);
            if let Some((_, kind)) = corr.kinds.iter().find(|(n, _)| place_key(n) == k) {
                is_place = *kind == crate::config::NameKind::Place;
            }
        }
        let k = place_key(&name);
        if blocked || !is_place || places.iter().any(|p| place_key(p) == k) {
            continue;
        }
        // A person's given name or surname ("Austin Reed", "Kate Kendal").
        let in_person = !k.contains(' ')
            && actors.iter().any(|a| {
                let ak = place_key(a);
                let words: Vec<&str> = ak.split(' ').collect();
                (2..=3).contains(&words.len())
                    && ak != k
                    && (ak.starts_with(&format!("{k} ")) || ak.ends_with(&format!(" {k}")))
                    && !words.iter().any(|w| {
                        lex.is_org_keyword(w)
                            || lex.is_title(w)
                            || SETTLEMENT_NOUNS.contains(w)
                            || MUNICIPAL.contains(w)
                            || SETTLEMENT_ENDINGS.iter().any(|e| w.ends_with(e))
                            || (w.chars().count() > 6
                                && NOUN_ENDINGS.iter().any(|e| w.ends_with(e)))
                    })
            });
        if in_person {
            continue;
        }
        if let Some(i) = actors.iter().position(|a| place_key(a) == k) {
            if !c.all_locative || !c.listed {
                continue;
            }
            actors.remove(i);
        }
        // The place after a settlement noun ("Kota Surabaya", "Stadt
        // Korbach") is the place, not an actor.
        actors.retain(|a| {
            let ak = place_key(a);
            !ak.strip_suffix(k.as_str())
                .and_then(|head| head.strip_suffix(' '))
                .is_some_and(|head| SETTLEMENT_NOUNS.contains(&head))
        });
        places.push(name);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_spellings_resolve_to_one_place() {
        assert_eq!(lookup("Kiev"), Some("Kyiv"));
        assert_eq!(lookup("Київ"), Some("Kyiv"));
        assert_eq!(lookup("Kharkov"), Some("Kharkiv"));
        assert_eq!(lookup("Burma"), Some("Myanmar"));
        assert_eq!(lookup("U.S."), Some("United States"));
        assert_eq!(lookup("Donbass"), Some("Donbas"));
        assert_eq!(lookup("the Ukraine"), Some("Ukraine"));
        assert_eq!(lookup("Blinken"), None);
        assert_eq!(lookup("Москве"), Some("Moscow"));
        assert_eq!(lookup("Женеву"), Some("Geneva"));
    }

    #[test]
    fn directions_and_place_words_make_places() {
        assert_eq!(
            classify("Eastern Ukraine").as_deref(),
            Some("Eastern Ukraine")
        );
        assert_eq!(
            classify("Sea of Okhotsk").as_deref(),
            Some("Sea of Okhotsk")
        );
        assert_eq!(
            classify("Kherson Oblast").as_deref(),
            Some("Kherson Oblast")
        );
        assert_eq!(classify("Antony Blinken"), None);
    }

    #[test]
    fn landforms_are_places_streets_and_service_bodies_are_not() {
        for p in [
            "Brackley Hill",
            "Tern Mountain",
            "Port Vellan",
            "Val Dorana",
        ] {
            assert_eq!(classify(p).as_deref(), Some(p), "{p}");
        }
        for p in [
            "Millbrook Road",
            "Alder Street",
            "Rue des Tanneurs",
            "Lindenstraße",
            "Hauptbahnhof Ostfeld",
            "Oak Valley Water District",
            "Canal de Rosalía III",
        ] {
            assert_eq!(classify(p), None, "{p}");
        }
        assert!(is_street("Millbrook Road") && is_street("Calle Olmos"));
        assert!(is_service_body("Oak Valley Water District"));
        assert!(!is_service_body("Oak Valley District"));
    }

    #[test]
    fn the_cue_prefilter_passes_every_word_the_full_test_reads() {
        let words = CUES
            .iter()
            .chain(SETTLEMENT_NOUNS)
            .copied()
            .chain(PAIR_CUES.iter().map(|(second, _)| *second));
        for w in words {
            let title: String = w
                .chars()
                .take(1)
                .flat_map(char::to_uppercase)
                .chain(w.chars().skip(1))
                .collect();
            assert!(may_be_cue(w) && may_be_cue(&title), "{w}");
        }
        assert!(may_be_cue("Landeshauptstadt") && may_be_cue("Kreisstadt"));
        for w in ["table", "Minister", "said", "harbour"] {
            assert!(!may_be_cue(w), "{w}");
        }
    }

    #[test]
    fn ascii_lines_split_into_the_words_the_general_scan_finds() {
        // The general scan, forced by a non-ASCII tail, must agree.
        for line in [
            "In Denver-based O'Neill's shop, 12 people -- and 'x' - met.",
            "-a- 'b' c- -d e'",
            "",
            "   ",
            "Kiruna",
        ] {
            let ascii: Vec<(usize, usize)> = ascii_line_words(line.as_bytes())
                .iter()
                .map(|w| (w.s, w.e))
                .collect();
            let general: Vec<(usize, usize)> = line_words(&format!("{line} é"))
                .iter()
                .map(|w| (w.s, w.e))
                .filter(|&(_, e)| e <= line.len())
                .collect();
            assert_eq!(ascii, general, "{line:?}");
        }
    }

    #[test]
    fn organisation_words_keep_place_words_out() {
        assert_eq!(classify("Sea Links"), None);
        // What a body is "of" is no place; a place heads a place.
        assert_eq!(classify("Friends of the Harbour"), None);
        assert_eq!(classify("Museum of the Lakes"), None);
        assert_eq!(
            classify("Bay of Kestrel").as_deref(),
            Some("Bay of Kestrel")
        );
        assert_eq!(classify("Harbour Lake Ferries"), None);
        assert_eq!(classify("Northfield Water Reclamation District"), None);
        assert_eq!(classify("Lake District").as_deref(), Some("Lake District"));
        assert_eq!(
            classify("Sea of Marmara").as_deref(),
            Some("Sea of Marmara")
        );
    }

    #[test]
    fn the_large_gazetteer_is_sorted_and_folds_accents() {
        assert_eq!(big_lookup("Gdansk"), Some("Gdańsk"));
        assert_eq!(big_lookup("ZWOLLE"), Some("Zwolle"));
        assert_eq!(big_lookup("Wiener Neustadt"), Some("Wiener Neustadt"));
        assert_eq!(big_lookup("Blorptown"), None);
        assert_eq!(big_lookup(""), None);
        // Every line is found by its own key: the file is in search order.
        for line in BIG.lines().filter(|l| !l.starts_with('#')) {
            let (k, place) = line.split_once('|').unwrap_or((line, line));
            assert_eq!(big_lookup(k), Some(place), "{line}");
        }
    }

    #[test]
    fn cyrillic_and_greek_names_are_in_the_large_gazetteer() {
        assert_eq!(big_lookup("Казань"), Some("Казань"));
        assert_eq!(big_lookup("КАЗАНЬ"), Some("Казань"));
        // Greek accents and capitals fold.
        assert_eq!(big_lookup("ΠΑΤΡΑ"), Some("Πάτρα"));
        assert_eq!(big_lookup("Πατρα"), Some("Πάτρα"));
        // A short form names the city in full.
        assert_eq!(big_lookup("Франківськ"), Some("Івано-Франківськ"));
        // Latin names still fold to ASCII.
        assert_eq!(big_lookup("Jyvaskyla"), Some("Jyväskylä"));
    }

    #[test]
    fn declined_cyrillic_names_after_a_preposition_make_places() {
        let ru = "Вчера в Казани открыли новый мост, сообщили власти.";
        assert_eq!(cued("", ru), ["Казань"]);
        let uk = "Мітинг у Полтаві зібрав сотні людей.";
        assert_eq!(cued("", uk), ["Полтава"]);
        // A nominative that ends like a genitive stays as written.
        assert_eq!(cyrillic_nominative("Полтава"), None);
        assert_eq!(run_place("Полтава", true, false), Some("Полтава"));
    }

    #[test]
    fn prepositions_of_more_languages_make_places() {
        let ro = "Trenurile din Cluj-Napoca au întârziere.";
        assert_eq!(cued("", ro), ["Cluj-Napoca"]);
        let id = "Hujan deras turun di Semarang sejak pagi.";
        assert_eq!(cued("", id), ["Semarang"]);
        let no = "Fergeturen til Svolvær og festivalen på Hamar ble avlyst.";
        assert!(cued("", no).contains(&"Hamar".to_string()));
        let el = "Η συναυλία στην Πάτρα αναβλήθηκε.";
        assert_eq!(cued("", el), ["Πάτρα"]);
    }

    #[test]
    fn case_endings_on_the_name_make_places() {
        // Turkish: after an apostrophe, in any text.
        let tr = "Bursa'da yağmur, İzmir'den gelen ekipler yardım etti.";
        assert_eq!(cued("", tr), ["Bursa", "İzmir"]);
        // Finnish: inessive, elative, gradation, illative.
        let fi = "Oulussa satoi, ja myös Jyväskylästä kerrottiin, että Riihimäellä \
                  ja Kurikassa oli tulvia. Juna Kajaaniin oli myöhässä.";
        assert_eq!(
            cued("", fi),
            ["Oulu", "Jyväskylä", "Riihimäki", "Kurikka", "Kajaani"]
        );
        // Hungarian: lengthened vowels too.
        let hu = "Egerben és Gyulán is esett, azt mondta, hogy már csak Debrecennél maradt.";
        assert_eq!(cued("", hu), ["Eger", "Gyula", "Debrecen"]);
        // The same words in a text of another language are no forms.
        let de = "Die Reise führte über Egerben nach Oulussa, sagte er am Montag.";
        assert!(cued("", de).is_empty());
        // A capitalised word after the ending: the name goes on.
        assert!(cued("", "Yatırımı Bursa'da Holding yaptı.").is_empty());
    }

    #[test]
    fn a_settlement_noun_before_a_place_is_no_actor() {
        let (a, p) = add(
            "Banjir melanda Kota Semarang pada Senin.",
            &["Kota Semarang"],
        );
        assert!(a.is_empty());
        assert_eq!(p, ["Semarang"]);
    }

    #[test]
    fn towns_and_provinces_of_the_larger_list() {
        // Under 15,000 people, and a province.
        assert_eq!(big_lookup("Edgeworthstown"), Some("Edgeworthstown"));
        assert_eq!(big_lookup("Nova Scotia"), Some("Nova Scotia"));
        assert_eq!(big_lookup("Toscana"), Some("Toscana"));
    }

    #[test]
    fn unknown_names_need_a_settlement_noun_or_a_known_neighbour() {
        // After a settlement noun, listed on with "dan".
        let id = "Warga dari Kecamatan Tandurejo dan Bukit Pelangi mengungsi.";
        assert_eq!(cued("", id), ["Tandurejo", "Bukit Pelangi"]);
        let ro = "Apa lipsește în cartierele Morilor, Vasilina și Crânguri.";
        assert_eq!(cued("", ro), ["Morilor", "Vasilina", "Crânguri"]);
        // Listed with a known place after "in".
        let en = "Queues formed in Bellville, Tsholoville and Ostwick Flats by 6am.";
        assert_eq!(cued("", en), ["Bellville", "Tsholoville", "Ostwick Flats"]);
        // Not alone, not after "between", not a known place and a person.
        assert!(cued("", "She waited in Tsholoville since dawn.").is_empty());
        assert_eq!(
            cued("", "Talks between Bellville and Qorvan stalled."),
            ["Bellville"]
        );
        let id = "Kata Kepala BPBD Kota Semarang Dewi Lestari kemarin.";
        assert!(cued("", id).is_empty());
        // An unknown name that is also an actor stays an actor.
        let (a, p) = add(
            "Queues in Bellville and Tsholoville grew.",
            &["Tsholoville"],
        );
        assert_eq!(
            (a, p),
            (
                vec!["Tsholoville".to_string()],
                vec!["Bellville".to_string()]
            )
        );
    }

    #[test]
    fn nouns_after_the_name_make_places() {
        let tr = "Depremin merkezi Soma ilçesinde oldu.";
        assert_eq!(cued("", tr), ["Soma"]);
        let tr = "Manisa'nın Soma ilçesinde meydana gelen deprem.";
        assert_eq!(cued("", tr), ["Soma"]);
        let mut a = Vec::new();
        let mut p = Vec::new();
        add_cued_places("Deprem oldu", tr, &[], &[], &mut a, &mut p);
        assert_eq!(p, ["Soma"]);
        // A Turkish ending closes the whole list.
        let tr = "Sarsıntı, Akhisar, Kurtdere ve İzmir'in kuzeyinde hissedildi.";
        assert_eq!(cued("", tr), ["İzmir", "Kurtdere", "Akhisar"]);
        let hu = "Az önkéntesek Mindszent és Algyő térségében segítenek.";
        assert_eq!(cued("", hu), ["Algyő", "Mindszent"]);
        // An adjective before "район" names a district, not a town.
        let ru = "Воду отключили в Кировском районе и в Ленинском районе.";
        assert_eq!(cued("", ru), ["Кировский район", "Ленинский район"]);
        assert_eq!(
            raion_name("Промышленном", false).as_deref(),
            Some("Промышленный район")
        );
        assert_eq!(
            raion_name("Шевченківському", true).as_deref(),
            Some("Шевченківський район")
        );
    }

    #[test]
    fn slavic_forms_and_between_words() {
        // "між" and a Ukrainian instrumental, listed with "і".
        let uk = "Рух між Яремчем і Микуличином зупинився.";
        assert_eq!(cued("", uk), ["Яремче", "Микуличин"]);
        // Czech locative plural.
        let cs = "Nová trať v Bohunicích se zpozdí, řekl mluvčí.";
        assert_eq!(cued("", cs), ["Bohunice"]);
        // The same ending in Portuguese prose is no Slavic form.
        assert!(cued("", "A água da barragem do Arade desceu muito.").is_empty());
    }

    #[test]
    fn acronyms_articles_and_spellings() {
        // A short word in capitals after a cue is an acronym.
        assert!(cued("", "A APA explica que a prioridade é a água.").is_empty());
        // After an article the name of a body is not cut to a town.
        assert!(cued("", "Dijo la Federación de Asociaciones Vecinales ayer.").is_empty());
        // The page's spelling when it differs only in accents.
        assert_eq!(
            cued(
                "",
                "The wind farm lies off the town of Leba, near the coast."
            ),
            ["Leba"]
        );
    }

    #[test]
    fn short_finnish_posts_are_read_as_finnish() {
        let fi = "Puu kaatui pysäkillä Kokkolassa, kertoo päivystäjä.";
        assert_eq!(suffixing("", fi), Suffixing::Finnish);
        assert_eq!(
            cued(
                "Puu kaatui päälle Kokkolassa",
                "Iso koivu kaatui pysäkillä."
            ),
            ["Kokkola"]
        );
        // A genitive opening a sentence is as often an adjective's.
        let fi = "Pahin vaihe on illalla, sanoo päivystäjä. Myös Kokkolassa tuulee.";
        assert_eq!(cued("", fi), ["Kokkola"]);
        assert_eq!(
            suffixing("", "Szegeden és Győrben esett ő ű."),
            Suffixing::Hungarian
        );
        // Marker words alone, in a text of neither language's letters.
        assert_eq!(
            suffixing(
                "",
                "Oli said that mutta and hogy are ovat words, “mukaan” too."
            ),
            Suffixing::Neither
        );
    }

    fn cued(title: &str, text: &str) -> Vec<String> {
        cued_places(title, text)
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    #[test]
    fn locative_cues_in_many_languages_make_places() {
        let en = "The ferry to Tromsø was late. Officials in Kendal said the road was shut.";
        assert_eq!(cued("", en), ["Tromsø", "Kendal"]);
        let de = "Der Zug hielt gestern bei Korbach, dann fuhr er nach Wilhelmshaven weiter.";
        assert_eq!(cued("", de), ["Korbach", "Wilhelmshaven"]);
        let fr = "Le festival se tient à Perpignan depuis dix ans.";
        assert_eq!(cued("", fr), ["Perpignan"]);
        let es = "Los vecinos de Alicante protestaron el lunes.";
        assert_eq!(cued("", es), ["Alicante"]);
        let pt = "Quem mora em Porto Alegre conhece o problema.";
        assert_eq!(cued("", pt), ["Porto Alegre"]);
        let sv = "Gruvan ligger norr om Kiruna, sade hon.";
        assert_eq!(cued("", sv), ["Kiruna"]);
        // Declined after a Polish preposition.
        let pl = "Spotkanie odbyło się w Gdańsku we wtorek.";
        assert_eq!(cued("", pl), ["Gdańsk"]);
        // Sentence start, listed places, "city of", "X-based", "Stadt X".
        let more = "In Zwolle, the vote passed. Trains between Utrecht, Zwolle and Amersfoort \
                    stopped. The city of Salford and a Billingham-based firm agreed. Die Stadt \
                    Oldenburg auch.";
        assert_eq!(
            cued("", more),
            [
                "Zwolle",
                "Utrecht",
                "Amersfoort",
                "Salford",
                "Billingham",
                "Oldenburg"
            ]
        );
        // A list opened by a name no gazetteer lists, with known places:
        // all are places; a German noun before "von".
        let list =
            "Sturm in Nordmarkel, Korbach, Hamburg und Wilhelmshaven. Die Strecke von Bremen.";
        assert_eq!(cued("", list), ["Nordmarkel", "Korbach", "Wilhelmshaven"]);
        let de = "Die Verbindungen von Oldenburg fallen aus, sagte der Bürgermeister von Kendal.";
        assert_eq!(cued("", de), ["Oldenburg", "Kendal"]);
        // A shorter run, cut before a connector.
        assert_eq!(
            cued("", "They face a trip to Salford on Tuesday."),
            ["Salford"]
        );
    }

    #[test]
    fn datelines_make_places() {
        assert_eq!(
            cued("", "TROMSØ, Norway (Nordwire) — The port reopened."),
            ["Tromsø"]
        );
        assert_eq!(cued("", "KENDAL — Flood water rose overnight."), ["Kendal"]);
        assert_eq!(
            cued("", "Korbach (lhn) - Ein Feuer brach aus."),
            ["Korbach"]
        );
        // No dash or agency: an ordinary sentence.
        assert!(cued("", "Kendal is a market town, officials said.").is_empty());
    }

    #[test]
    fn ambiguous_names_need_clean_evidence() {
        // No cue at all.
        assert!(cued("", "Jackson said the plan was fair.").is_empty());
        // Part of a longer capitalised name: a person, an organisation.
        assert!(cued("", "The letter went to Jackson Pollard last week.").is_empty());
        assert!(cued("", "Staff from Denver Water Board came.").is_empty());
        // A common word of the same text.
        assert!(cued("", "We had a nice lunch in Nice with friends.").is_empty());
        assert!(cued("", "She moved to Reading, where her reading club met.").is_empty());
        // "according to" names a source, a particle after a given name.
        assert!(cued("", "The plan was late, according to Jackson.").is_empty());
        assert!(cued("", "La actriz María de Valencia habló.").is_empty());
        // An English article is no cue.
        let en = "The mayor said the town and the port need a Mobile office.";
        assert!(cued("", en).is_empty());
        // After a leading phrase, a name is only listed before another.
        let lead = "In Kendal, Reading fans said the match was lost.";
        assert_eq!(cued("", lead), ["Kendal"]);
        // Odd input never panics.
        for odd in [
            "",
            "—(",
            "-based",
            "in",
            "In Ü",
            "ÄÖ — (x",
            "w Ż",
            "to ’s",
            "a, and",
        ] {
            let _ = cued(odd, odd);
        }
        // Names of the compact list are left to it.
        assert!(cued("", "The talks in Berlin ended.").is_empty());
    }

    fn add(text: &str, actors: &[&str]) -> (Vec<String>, Vec<String>) {
        let mut a: Vec<String> = actors.iter().map(|s| s.to_string()).collect();
        let mut p = Vec::new();
        let corr = crate::config::Corrections {
            block: vec!["Kendal".to_string()],
            ..Default::default()
        };
        add_cued_places("", text, &[], &[&corr], &mut a, &mut p);
        (a, p)
    }

    #[test]
    fn a_city_never_eats_an_actor() {
        // Every mention locative: the actor was the place all along.
        let (a, p) = add(
            "Trains to Zwolle were late. Buses in Zwolle ran.",
            &["Zwolle"],
        );
        assert_eq!((a, p), (vec![], vec!["Zwolle".to_string()]));
        // Also named without a cue: the actor stays, no place.
        let (a, p) = add("Jackson said no. He lives in Jackson.", &["Jackson"]);
        assert_eq!((a, p), (vec!["Jackson".to_string()], vec![]));
        // A person's given name.
        let (a, p) = add("Austin Reed grew up in Austin.", &["Austin Reed"]);
        assert_eq!((a, p), (vec!["Austin Reed".to_string()], vec![]));
        // A settlement noun is no given name; the title does not count.
        let mut a = vec!["Marktgemeinde Korbach".to_string(), "KORBACH".to_string()];
        let mut p = Vec::new();
        let text = "KORBACH (lhn) - Die Marktgemeinde Korbach zahlt.";
        add_cued_places("Korbach zahlt", text, &[], &[], &mut a, &mut p);
        assert_eq!(a, ["Marktgemeinde Korbach"]);
        assert_eq!(p, ["Korbach"]);
        // A German noun phrase is no person; the title is read too.
        let mut a = vec!["Anbindungen von Oldenburg".to_string()];
        let mut p = Vec::new();
        let text = "Die Anbindungen von Oldenburg fehlen.";
        add_cued_places(
            "Bürgermeister von Korbach tritt ab",
            text,
            &[],
            &[],
            &mut a,
            &mut p,
        );
        assert_eq!(p, ["Korbach", "Oldenburg"]);
        // The site's corrections block it.
        let (_, p) = add("Rain fell in Kendal.", &[]);
        assert!(p.is_empty());
    }
}
