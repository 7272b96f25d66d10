//! A compact gazetteer: countries, capitals, major cities and regions, each
//! with the variant spellings news text uses ("Kiev" is "Kyiv", "Burma" is
//! "Myanmar"). It decides which names are places; anything not in it is a
//! place only if it ends in a place word ("Black Sea", "Lake Chad") or a
//! site's corrections say so.

use super::Map;
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
/// ("Lake Chad" is not; "Sea of Okhotsk" begins with one).
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
        if is_service_body(name) || is_street(name) {
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
}
