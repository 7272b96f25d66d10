//! Dates and times as pages write them, in English, French, German,
//! Spanish, Italian, Portuguese and Dutch: "8:49 a.m. ET, January 21,
//! 2022", "21 January 2022 14:05 GMT", "Thu 16 Feb 2023 16.05 GMT",
//! "04.01.2023 17:42 Uhr", "4 janvier 2023 à 17h42", "04 ene 2023 - 17:42
//! CET", "6 de janeiro de 2023, 18:05", "2022-01-21", "met on January 21".
//!
//! Zone abbreviations resolve through jiff's bundled IANA database, so a
//! generic zone such as "ET" is -05:00 in January and -04:00 in July, while
//! an explicit "EST" or "EDT" is a fixed offset. A time without a zone
//! ("17:42 Uhr") is in the site's zone.
//!
//! Numeric dates: a part above 12 decides which is the day. When both
//! could be ("04/11/2023"), the order is month first only for slashes or
//! hyphens on a line that also shows a North American cue, a 12-hour clock
//! ("02:17 PM") or a North American zone ("EDT", "ET"); anywhere else, and
//! always with dots, the day comes first, as most of the world writes it.
//!
//! Relative stamps ("2h ago", "vor 3 Minuten", "Gisteren, 21:14") name no
//! day by themselves: [`relative_line`] recognises them, and no date is
//! ever read from them.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use jiff::civil::{self, Date, Time};
use jiff::tz::{Offset, TimeZone};
use regex::Regex;

use crate::entry::EntryDate;

/// Month names of English, French, German, Spanish, Italian, Portuguese and
/// Dutch, with their month number. These are read in either order ("March
/// 3", "3 mars") and without a year.
const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sept", 9),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
];

/// Abbreviations and unaccented spellings of the other languages. Several
/// are also words ("out", "set", "gen", "mag", "ago"), so they are read only
/// after a day and before a year: "4 out 2023", "04 ene 2023", "4. Okt.
/// 2023", never "out 3" or "4 out of 5".
const DAY_FIRST_MONTHS: &[(&str, i8)] = &[
    // French
    ("janv", 1),
    ("févr", 2),
    ("fevr", 2),
    ("fév", 2),
    ("fev", 2),
    ("fevrier", 2),
    ("avr", 4),
    ("juil", 7),
    ("aout", 8),
    ("déc", 12),
    ("decembre", 12),
    // German
    ("mär", 3),
    ("mrz", 3),
    ("marz", 3),
    ("maerz", 3),
    ("okt", 10),
    ("dez", 12),
    // Spanish
    ("ene", 1),
    ("abr", 4),
    ("ago", 8),
    ("set", 9),
    ("setiembre", 9),
    ("dic", 12),
    // Italian
    ("gen", 1),
    ("mag", 5),
    ("giu", 6),
    ("lug", 7),
    ("ott", 10),
    // Portuguese
    ("marco", 3),
    ("out", 10),
    // Dutch
    ("mrt", 3),
    // Turkish names that are also words ("aralık" is an interval, "mart"
    // a shop, "ekim" a sowing)
    ("ocak", 1),
    ("mart", 3),
    ("nisan", 4),
    ("ekim", 10),
    ("kasım", 11),
    ("aralık", 12),
    // Russian abbreviations
    ("янв", 1),
    ("фев", 2),
    ("февр", 2),
    ("мар", 3),
    ("апр", 4),
    ("июн", 6),
    ("июл", 7),
    ("авг", 8),
    ("сен", 9),
    ("сент", 9),
    ("окт", 10),
    ("ноя", 11),
    ("нояб", 11),
    ("дек", 12),
];

/// Month names of languages that write the day first ("14 января 2025",
/// "26. března 2025", "20. marraskuuta 2025", "22 Ιουλίου 2025", "1
/// d'abril de 2025"): Russian, Ukrainian, Czech, Slovak, Polish, Finnish,
/// Turkish, Romanian, Greek (with and without accents, as capitals drop
/// them), Indonesian, Catalan, Norwegian, Danish and Swedish. Read only
/// after a day, never before one as English months are.
#[rustfmt::skip]
const OTHER_MONTHS: &[(&str, i8)] = &[
    // Russian (genitive, as dates use it)
    ("января", 1), ("февраля", 2), ("марта", 3), ("апреля", 4), ("мая", 5), ("июня", 6),
    ("июля", 7), ("августа", 8), ("сентября", 9), ("октября", 10), ("ноября", 11),
    ("декабря", 12),
    // Ukrainian
    ("січня", 1), ("лютого", 2), ("березня", 3), ("квітня", 4), ("травня", 5), ("червня", 6),
    ("липня", 7), ("серпня", 8), ("вересня", 9), ("жовтня", 10), ("листопада", 11),
    ("грудня", 12),
    // Czech
    ("ledna", 1), ("února", 2), ("března", 3), ("dubna", 4), ("května", 5), ("června", 6),
    ("července", 7), ("srpna", 8), ("září", 9), ("října", 10), ("listopadu", 11),
    ("prosince", 12),
    // Slovak
    ("januára", 1), ("februára", 2), ("marca", 3), ("apríla", 4), ("mája", 5), ("júna", 6),
    ("júla", 7), ("augusta", 8), ("septembra", 9), ("októbra", 10), ("novembra", 11),
    ("decembra", 12),
    // Polish
    ("stycznia", 1), ("lutego", 2), ("kwietnia", 4), ("maja", 5), ("czerwca", 6),
    ("lipca", 7), ("sierpnia", 8), ("września", 9), ("października", 10), ("listopada", 11),
    ("grudnia", 12),
    // Finnish
    ("tammikuuta", 1), ("helmikuuta", 2), ("maaliskuuta", 3), ("huhtikuuta", 4),
    ("toukokuuta", 5), ("kesäkuuta", 6), ("heinäkuuta", 7), ("elokuuta", 8),
    ("syyskuuta", 9), ("lokakuuta", 10), ("marraskuuta", 11), ("joulukuuta", 12),
    // Turkish (see DAY_FIRST_MONTHS for the names that are also words)
    ("şubat", 2), ("mayıs", 5), ("haziran", 6), ("temmuz", 7), ("ağustos", 8),
    ("eylül", 9),
    // Romanian
    ("ianuarie", 1), ("februarie", 2), ("martie", 3), ("aprilie", 4), ("iunie", 6),
    ("iulie", 7), ("septembrie", 9), ("octombrie", 10), ("noiembrie", 11),
    ("decembrie", 12),
    // Greek (genitive), with accents and without
    ("ιανουαρίου", 1), ("φεβρουαρίου", 2), ("μαρτίου", 3), ("απριλίου", 4), ("μαΐου", 5),
    ("ιουνίου", 6), ("ιουλίου", 7), ("αυγούστου", 8), ("σεπτεμβρίου", 9),
    ("οκτωβρίου", 10), ("νοεμβρίου", 11), ("δεκεμβρίου", 12),
    ("ιανουαριου", 1), ("φεβρουαριου", 2), ("μαρτιου", 3), ("απριλιου", 4), ("μαιου", 5),
    ("ιουνιου", 6), ("ιουλιου", 7), ("αυγουστου", 8), ("σεπτεμβριου", 9),
    ("οκτωβριου", 10), ("νοεμβριου", 11), ("δεκεμβριου", 12),
    // Indonesian
    ("maret", 3), ("agustus", 8), ("desember", 12),
    // Catalan
    ("gener", 1), ("febrer", 2), ("març", 3), ("maig", 5), ("juny", 6), ("juliol", 7),
    ("agost", 8), ("setembre", 9), ("desembre", 12),
    // Norwegian, Danish and Swedish
    ("maj", 5), ("augusti", 8),
];

/// Hungarian month names and abbreviations: Hungarian writes the year
/// first, "2025. április 15.", read by [`YEAR_FIRST_NAMED`].
#[rustfmt::skip]
const HUNGARIAN_MONTHS: &[(&str, i8)] = &[
    ("január", 1), ("február", 2), ("március", 3), ("április", 4), ("május", 5),
    ("június", 6), ("július", 7), ("augusztus", 8), ("szeptember", 9), ("október", 10),
    ("november", 11), ("december", 12), ("jan", 1), ("febr", 2), ("márc", 3), ("ápr", 4),
    ("máj", 5), ("jún", 6), ("júl", 7), ("aug", 8), ("szept", 9), ("okt", 10), ("nov", 11),
    ("dec", 12),
];

/// The month a name stands for, and whether it is one of
/// [`DAY_FIRST_MONTHS`] (which needs a year to count).
fn month_number(name: &str) -> Option<(i8, bool)> {
    let lower = name.to_lowercase();
    let lower = lower.trim_end_matches('.');
    let find = |list: &[(&str, i8)]| list.iter().find(|(n, _)| *n == lower).map(|&(_, m)| m);
    find(MONTHS)
        .or_else(|| find(OTHER_MONTHS))
        .map(|m| (m, false))
        .or_else(|| find(DAY_FIRST_MONTHS).map(|m| (m, true)))
}

/// True when the month name that ends at `end` of `text` ends a word: the
/// regexes end it with an ASCII word boundary, which no name ending in a
/// letter of another script ("января", "març") has before a space.
fn ends_word(text: &str, end: usize) -> bool {
    text.get(end..)
        .and_then(|r| r.chars().next())
        .is_none_or(|c| !c.is_alphanumeric())
}

fn month_alternation(lists: &[&[(&str, i8)]]) -> String {
    let mut names: Vec<&str> = lists
        .iter()
        .flat_map(|l| l.iter().map(|(n, _)| *n))
        .collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    names.join("|")
}

static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)({})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(\d{{4}})(?-u:\b))?",
        month_alternation(&[MONTHS])
    ))
    .expect("static regex")
});
/// A day, then a month name, then perhaps a year. The month ends a word
/// by [`ends_word`], tested on each match, as names of other scripts have
/// no ASCII boundary after them; "de" and "d'" of Romance languages may
/// come before the month ("9 de enero", "1 d'abril de 2025").
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th|er|º|ª)?\.?\s+(?:de\s+|d['’])?({})\.?(?:,?\s+(?:de\s+)?(\d{{4}})(?-u:\b))?",
        month_alternation(&[MONTHS, OTHER_MONTHS, DAY_FIRST_MONTHS])
    ))
    .expect("static regex")
});
/// Year, month name, day, as Hungarian writes it: "2025. április 15.",
/// "2025. ápr. 15.".
static YEAR_FIRST_NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(\d{{4}})\.\s*({})\.?\s+(\d{{1,2}})(?-u:\b)\.?",
        month_alternation(&[HUNGARIAN_MONTHS])
    ))
    .expect("static regex")
});
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?(?-u:\b)")
        .expect("static regex")
});
/// Day, month and year in digits, in either order of day and month:
/// "04.01.2023", "04/11/2023", "05-01-2023", "4.1.23" (a two-digit year
/// only when a time follows), and with a space after each dot, as Czech
/// and Slovak write it: "26. 3. 2025".
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})(\. |[./-])(\d{1,2})(\. |[./-])(\d{4}|\d{2})(?-u:\b)")
        .expect("static regex")
});
/// Year first with slashes or dots: "2023/01/04", "2023.1.4".
static YMD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{4})([./])(\d{1,2})([./])(\d{1,2})(?-u:\b)").expect("static regex")
});
/// A time right after a two-digit year: "04.01.23, 17:42".
static TIME_AHEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s,-]*\d{1,2}[:h.]\d{2}(?-u:\b)").expect("static regex"));
/// A North American cue on a line: a 12-hour clock or a zone of the
/// continent.
static US_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:\d\s*[ap]\.?\s?m(?-u:\b))|(?-u:\b)(?:[ECMP][SD]?T|AK[SD]?T|H[SD]T)(?-u:\b)")
        .expect("static regex")
});
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})$").expect("static regex"));
/// A time: 12-hour (groups 1-4), 24-hour with a colon or "h" (5-6), or
/// 24-hour with a dot (7-8), which is a time only beside a zone, "Uhr" or
/// a date (see [`span_time`]): "16.05 GMT", never a price "17.42".
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(\d{1,2})(?:[:.h](\d{2})(?::[0-5]\d)?)?\s*(?:([ap])\.?\s?m(?-u:\b)\.?|([ap])\.?\s?m\.?$)|(?-u:\b)([01]?\d|2[0-3])[:h](\d{2})(?::[0-5]\d)?(?-u:\b)|(?-u:\b)([01]?\d|2[0-3])\.([0-5]\d)(?-u:\b)",
    )
    .expect("static regex")
});
/// A zone after a time: an offset from GMT or UTC, an abbreviation in
/// capitals, or Moscow and Turkish time in their own letters ("мск",
/// "TSİ").
static ZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:(?i:uhr|hrs?|hs)\.?\s*)?,?\s*\(?((?:GMT|UTC)\s?[+-]\s?\d{1,2}(?::?\d{2})?|мск|МСК|TSİ|[A-Z]{1,5}(?-u:\b))\)?(?:\s+time(?-u:\b))?")
        .expect("static regex")
});
/// A numeric offset after a time, after a space: "17:14:05 +0100".
static OFFSET_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+([+-](?:0\d|1[0-4]):?[0-5]\d)(?-u:\b)").expect("static regex")
});
/// A clock word after a time: "17:42 Uhr", "16.05 h".
static CLOCK_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?i:uhr|hrs?|hs|h)(?-u:\b)").expect("static regex"));
/// A span counted back from now: "2h ago", "3 min ago", "vor 2 Stunden",
/// "il y a 5 minutes", "hace 2 horas", "2 ore fa", "há 3 horas", "2 uur
/// geleden", "an hour ago". Group 1 is the word before, 2 the count, 3 the
/// unit, 4 the word after; a match counts only with a word before or after.
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:(?-u:\b)(il\s+y\s+a|vor|hace|há|ha)\s+)?(?-u:\b)(\d{1,3}|an?|one)\s*(seconds?|secs?|s|minutes?|minuten?|minutos?|minuti|mins?|m|hours?|heures?|stunden?|std|horas?|ore|uur|hrs?|h|days?|jours?|tagen?|días?|dias?|giorni|dagen?|d|weeks?|semaines?|wochen?|semanas?|settimane|weken?|wks?|w)\.?(?-u:\b)(?:\s*(ago|fa|geleden|atrás|atras)(?-u:\b))?",
    )
    .expect("static regex")
});

/// Words a stamp line may hold beside its date, time and zone: labels,
/// weekdays and small connecting words, in the seven languages.
#[rustfmt::skip]
const FILLER: &[&str] = &[
    // English
    "updated", "update", "last", "published", "posted", "first", "on", "at", "the", "and",
    "modified", "edited", "time", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
    "sun",
    // French
    "le", "la", "publié", "publiée", "mis", "mise", "à", "a", "jour", "modifié", "modifiée",
    "dernière", "derniere", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
    "dimanche", "lun", "mer", "jeu", "ven", "sam", "dim", "h",
    // German
    "am", "um", "uhr", "stand", "veröffentlicht", "aktualisiert", "zuletzt", "geändert",
    "erstellt", "vom", "den", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
    "samstag", "sonntag", "mo", "di", "mi", "do", "fr", "sa", "so",
    // Spanish
    "el", "de", "del", "al", "publicado", "publicada", "actualizado", "actualizada",
    "actualización", "última", "ultima", "las", "hrs", "hs", "horas", "lunes", "martes",
    "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
    // Italian
    "il", "di", "pubblicato", "aggiornato", "aggiornamento", "ultimo", "modifica",
    "modificato", "ore", "alle", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì",
    "domenica",
    // Portuguese
    "em", "do", "da", "às", "as", "atualizado", "atualizada", "atualização", "segunda",
    "terça", "quarta", "quinta", "sexta", "feira",
    // Weekday abbreviations of Spanish, Italian, Portuguese
    "mar", "mié", "mie", "jue", "vie", "sáb", "dom", "gio", "sab", "seg", "ter", "qua",
    "qui", "sex", "erschienen",
    // Dutch
    "op", "om", "gepubliceerd", "bijgewerkt", "aangepast", "gewijzigd", "laatst",
    "geplaatst", "uur", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
    "zaterdag", "zondag", "ma", "wo", "vr", "za", "zo",
    // Russian and Ukrainian ("г." and "р." stand for the year)
    "опубликовано", "обновлено", "изменено", "обновление", "последнее", "в", "г", "года",
    "понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье",
    "опубліковано", "оновлено", "змінено", "оновлення", "о", "об", "р", "року",
    "понеділок", "вівторок", "середа", "четвер", "пʼятниця", "п'ятниця", "субота",
    "неділя",
    // Czech, Slovak and Polish
    "publikováno", "aktualizováno", "aktualizace", "upraveno", "vydáno", "publikované",
    "aktualizované", "v", "ve", "pondělí", "úterý", "středa", "čtvrtek", "pátek", "sobota",
    "neděle", "opublikowano", "zaktualizowano", "aktualizacja", "godz", "poniedziałek",
    "wtorek", "środa", "czwartek", "piątek", "niedziela",
    // Hungarian
    "frissítve", "frissítés", "közzétéve", "publikálva", "módosítva", "hétfő", "kedd",
    "szerda", "csütörtök", "péntek", "szombat", "vasárnap",
    // Finnish
    "julkaistu", "päivitetty", "klo", "kello", "maanantai", "tiistai", "keskiviikko",
    "torstai", "perjantai", "lauantai", "sunnuntai",
    // Turkish
    "yayınlanma", "yayın", "güncelleme", "güncellendi", "güncellenme", "tarihi", "son",
    "saat", "pazartesi", "salı", "çarşamba", "perşembe", "cuma", "cumartesi", "pazar",
    // Romanian
    "publicat", "actualizat", "actualizare", "ora", "la", "luni", "marți", "miercuri",
    "joi", "vineri", "sâmbătă", "duminică",
    // Greek
    "δημοσίευση", "δημοσιεύθηκε", "ενημέρωση", "ενημερώθηκε", "τελευταία", "στις",
    "δευτέρα", "τρίτη", "τετάρτη", "πέμπτη", "παρασκευή", "σάββατο", "κυριακή",
    // Indonesian
    "diterbitkan", "dipublikasikan", "diperbarui", "pukul", "senin", "selasa", "rabu",
    "kamis", "jumat", "sabtu", "minggu",
    // Catalan
    "actualitzat", "actualitzada", "actualització", "les", "dilluns", "dimarts",
    "dimecres", "dijous", "divendres", "dissabte", "diumenge",
    // Norwegian, Danish and Swedish
    "publisert", "oppdatert", "publiceret", "opdateret", "publicerad", "uppdaterad",
    "endret", "ændret", "sist", "sidst", "senast", "kl", "mandag", "tirsdag", "onsdag",
    "torsdag", "fredag", "lørdag", "søndag", "måndag", "tisdag", "lördag", "söndag",
    // Japanese and Chinese: updated, published, and the weekdays Japanese
    // writes in brackets after a date ("(金)")
    "更新", "公開", "配信", "发布", "月", "火", "水", "木", "金", "土", "日",
];

/// Words that mark an update rather than a publication.
const UPDATE_LABELS: &[&str] = &[
    "updated",
    "update",
    "modified",
    "aktualisiert",
    "stand",
    "geändert",
    "modifié",
    "modifiée",
    "actualizado",
    "actualizada",
    "actualización",
    "aggiornato",
    "aggiornamento",
    "modifica",
    "modificato",
    "atualizado",
    "atualizada",
    "atualização",
    "bijgewerkt",
    "aangepast",
    "gewijzigd",
    "обновлено",
    "изменено",
    "обновление",
    "оновлено",
    "змінено",
    "оновлення",
    "aktualizováno",
    "aktualizace",
    "upraveno",
    "aktualizované",
    "zaktualizowano",
    "aktualizacja",
    "frissítve",
    "frissítés",
    "módosítva",
    "päivitetty",
    "güncelleme",
    "güncellendi",
    "güncellenme",
    "actualizat",
    "actualizare",
    "ενημέρωση",
    "ενημερώθηκε",
    "diperbarui",
    "actualitzat",
    "actualitzada",
    "actualització",
    "oppdatert",
    "opdateret",
    "uppdaterad",
    "endret",
    "ændret",
    "更新",
];

/// Words that may stand before an update label: "Last updated",
/// "Zuletzt aktualisiert", "Dernière mise à jour", "Última actualización".
const UPDATE_LEADS: &[&str] = &[
    "last",
    "zuletzt",
    "dernière",
    "derniere",
    "última",
    "ultima",
    "ultimo",
    "laatst",
    "последнее",
    "τελευταία",
    "son",
    "sist",
    "sidst",
    "senast",
];

/// Words that count days back from the page's day.
const DAY_WORDS: &[(&str, u8)] = &[
    ("today", 0),
    ("yesterday", 1),
    ("heute", 0),
    ("gestern", 1),
    ("vorgestern", 2),
    ("aujourd", 0),
    ("hier", 1),
    ("hoy", 0),
    ("ayer", 1),
    ("anteayer", 2),
    ("oggi", 0),
    ("ieri", 1),
    ("hoje", 0),
    ("ontem", 1),
    ("anteontem", 2),
    ("vandaag", 0),
    ("gisteren", 1),
    ("eergisteren", 2),
];

/// [`FILLER`] as a set: the list holds words of many languages.
static FILLER_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| FILLER.iter().copied().collect());

fn is_filler(word: &str) -> bool {
    if word.is_ascii() && word.bytes().all(|b| b.is_ascii_lowercase()) {
        return FILLER_SET.contains(word);
    }
    let lower = word.to_lowercase();
    FILLER_SET.contains(lower.as_str())
}

/// An upper-case zone abbreviation on its own ("GMT", "CET", "UK").
fn is_zone_word(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_uppercase()) && zone(word).is_some()
}

/// The words of `text` (runs of letters and digits) with their byte
/// ranges.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut it = text.char_indices().peekable();
    std::iter::from_fn(move || {
        while let Some(&(_, c)) = it.peek() {
            if c.is_alphanumeric() {
                break;
            }
            it.next();
        }
        let (s, _) = *it.peek()?;
        let mut e = s;
        while let Some(&(i, c)) = it.peek() {
            if !c.is_alphanumeric() {
                break;
            }
            e = i + c.len_utf8();
            it.next();
        }
        Some((s, e))
    })
}

/// Where a zone abbreviation points: a real zone (with its summer time) or
/// a fixed offset (an abbreviation that names standard or summer time).
enum Zone {
    Named(&'static str),
    Fixed(i32),
}

/// Common zone abbreviations of many regions.
fn zone(abbr: &str) -> Option<Zone> {
    use Zone::*;
    let compact: String = abbr.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(rest) = compact
        .strip_prefix("GMT")
        .or_else(|| compact.strip_prefix("UTC"))
        .or_else(|| compact.starts_with(['+', '-']).then_some(compact.as_str()))
        && !rest.is_empty()
    {
        let sign = if rest.starts_with('-') { -1 } else { 1 };
        let digits: String = rest[1..].chars().filter(char::is_ascii_digit).collect();
        let (h, m) = match digits.len() {
            1 | 2 => (digits.parse::<i32>().ok()?, 0),
            3 | 4 => {
                let split = digits.len() - 2;
                (
                    digits[..split].parse::<i32>().ok()?,
                    digits[split..].parse::<i32>().ok()?,
                )
            }
            _ => return None,
        };
        return Some(Fixed(sign * (h * 60 + m)));
    }
    Some(match compact.as_str() {
        "ET" => Named("America/New_York"),
        "CT" => Named("America/Chicago"),
        "MT" => Named("America/Denver"),
        "PT" => Named("America/Los_Angeles"),
        "AKT" => Named("America/Anchorage"),
        "EST" => Fixed(-5 * 60),
        "EDT" => Fixed(-4 * 60),
        "CST" => Fixed(-6 * 60),
        "CDT" => Fixed(-5 * 60),
        "MST" => Fixed(-7 * 60),
        "MDT" => Fixed(-6 * 60),
        "PST" => Fixed(-8 * 60),
        "PDT" => Fixed(-7 * 60),
        "AKST" => Fixed(-9 * 60),
        "AKDT" => Fixed(-8 * 60),
        "HST" => Fixed(-10 * 60),
        "AST" => Fixed(-4 * 60),
        "ADT" => Fixed(-3 * 60),
        "NST" => Fixed(-(3 * 60 + 30)),
        "BRT" => Fixed(-3 * 60),
        "ART" => Fixed(-3 * 60),
        "CLT" => Fixed(-4 * 60),
        "CLST" => Fixed(-3 * 60),
        "COT" | "PET" => Fixed(-5 * 60),
        "VET" => Fixed(-4 * 60),
        "GMT" | "UTC" | "Z" | "UT" => Fixed(0),
        "UK" => Named("Europe/London"),
        "BST" => Fixed(60),
        "WET" | "WEZ" => Fixed(0),
        "WEST" | "WESZ" => Fixed(60),
        "CET" | "MEZ" => Fixed(60),
        "CEST" | "MESZ" | "MEST" => Fixed(2 * 60),
        "EET" | "OEZ" => Fixed(2 * 60),
        "EEST" | "OESZ" => Fixed(3 * 60),
        "MSK" => Fixed(3 * 60),
        "TRT" => Fixed(3 * 60),
        "GST" => Fixed(4 * 60),
        "PKT" => Fixed(5 * 60),
        "IST" => Fixed(5 * 60 + 30),
        "ICT" => Fixed(7 * 60),
        "WIB" => Fixed(7 * 60),
        "SGT" | "PHT" | "MYT" => Fixed(8 * 60),
        "HKT" => Fixed(8 * 60),
        "AWST" => Fixed(8 * 60),
        "JST" => Fixed(9 * 60),
        "KST" => Fixed(9 * 60),
        "ACST" => Fixed(9 * 60 + 30),
        "ACDT" => Fixed(10 * 60 + 30),
        "AEST" => Fixed(10 * 60),
        "AEDT" => Fixed(11 * 60),
        "AET" => Named("Australia/Sydney"),
        "NZST" => Fixed(12 * 60),
        "NZDT" => Fixed(13 * 60),
        "NZT" => Named("Pacific/Auckland"),
        "WAT" => Fixed(60),
        "CAT" => Fixed(2 * 60),
        "SAST" => Fixed(2 * 60),
        "EAT" => Fixed(3 * 60),
        // Moscow time as Russian pages write it; Turkey's "TSİ".
        "мск" | "МСК" | "TSİ" => Fixed(3 * 60),
        // Central and eastern Indonesia (western is "WIB").
        "WITA" => Fixed(8 * 60),
        "WIT" => Fixed(9 * 60),
        _ => return None,
    })
}

/// Puts back the spaces copy-and-paste loses between the parts of a
/// stamp: "March 3, 20235:14 PM GMTUpdated 2 hours ago" reads as "March 3,
/// 2023 5:14 PM GMT Updated 2 hours ago", and "2h ago14.32 AEDT" as "2h ago
/// 14.32 AEDT".
///
/// Three glues are undone, each only where the result is a valid stamp
/// part: a year (19xx or 20xx) run into a time of one or two hour digits;
/// a zone or AM/PM run into a capitalised word; "ago" (or "fa",
/// "geleden") run into a time.
fn unglue(text: &str) -> Cow<'_, str> {
    match cjk_stamps(text) {
        Cow::Borrowed(_) => unglue_latin(text),
        Cow::Owned(s) => Cow::Owned(unglue_latin(&s).into_owned()),
    }
}

/// A date or time written with the counters of Chinese, Japanese and
/// Korean: "2025年3月4日", "3月4日", "10時41分", "午後3時5分", "2025년 3월 4일",
/// "10시 41분". Groups: year, month, day (1-3); month and day without a
/// year (4-5); morning or afternoon, hour, minute (6-8).
static CJK_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]|(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]|(午前|午後|上午|下午|오전|오후)?\s*(\d{1,2})\s*[時时시]\s*(\d{1,2})\s*[分분]",
    )
    .expect("static regex")
});

/// English month names by number, to write a month and day without a
/// year where [`MONTH_FIRST`] reads them.
const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Rewrites the dates and times of Chinese, Japanese and Korean into
/// forms the other readers know, with spaces around them, as these
/// scripts run words together: "2025年1月10日 10時41分（1月10日 13時05分更新）"
/// reads as "2025-01-10 10:41 （January 10 13:05 更新）".
fn cjk_stamps(text: &str) -> Cow<'_, str> {
    // The counters are three-byte characters led by these bytes (年 and
    // 分 by 0xE5, 月 日 時 by 0xE6, the Korean ones by 0xEB and 0xEC).
    if !text.bytes().any(|b| matches!(b, 0xE5 | 0xE6 | 0xEB | 0xEC)) || !CJK_STAMP.is_match(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for c in CJK_STAMP.captures_iter(text) {
        let Some(all) = c.get(0) else { continue };
        let n = |i: usize| c.get(i).and_then(|x| x.as_str().parse::<u32>().ok());
        let piece = if let (Some(y), Some(m), Some(d)) = (n(1), n(2), n(3)) {
            format!("{y:04}-{m:02}-{d:02}")
        } else if let (Some(m), Some(d)) = (n(4), n(5)) {
            match ENGLISH_MONTHS.get((m as usize).wrapping_sub(1)) {
                Some(name) => format!("{name} {d}"),
                None => continue,
            }
        } else if let (Some(h), Some(min)) = (n(7), n(8)) {
            match c.get(6).map(|x| x.as_str()) {
                Some("午前" | "上午" | "오전") => format!("{h}:{min:02} am"),
                Some(_) => format!("{h}:{min:02} pm"),
                None => format!("{h}:{min:02}"),
            }
        } else {
            continue;
        };
        out.push_str(&text[last..all.start()]);
        if !out.is_empty() && !out.ends_with(char::is_whitespace) {
            out.push(' ');
        }
        out.push_str(&piece);
        if text[all.end()..]
            .chars()
            .next()
            .is_some_and(|ch| !ch.is_whitespace())
        {
            out.push(' ');
        }
        last = all.end();
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// [`unglue`] of the glues of Latin-script stamps.
fn unglue_latin(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    let mut cuts = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        if b[i].is_ascii_digit() {
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let run = i - start;
            let lone = start == 0 || !matches!(b[start - 1], b'.' | b':' | b'/' | b'-' | b',');
            if lone
                && (run == 5 || run == 6)
                && (b[start..start + 2] == *b"19" || b[start..start + 2] == *b"20")
                && i + 2 < b.len()
                && matches!(b[i], b':' | b'.')
                && b[i + 1].is_ascii_digit()
                && b[i + 2].is_ascii_digit()
                && b.get(i + 3).is_none_or(|c| !c.is_ascii_digit())
                && b[i + 1] <= b'5'
                && text[start + 4..i].parse::<u8>().is_ok_and(|h| h <= 23)
            {
                cuts.push(start + 4);
            }
        } else if b[i].is_ascii_alphabetic() {
            while i < b.len() && b[i].is_ascii_alphabetic() {
                i += 1;
            }
            let word = &text[start..i];
            let upper = word.bytes().take_while(u8::is_ascii_uppercase).count();
            if upper >= 3
                && upper < word.len()
                && word.as_bytes()[upper].is_ascii_lowercase()
                && i - start > upper + 1
            {
                let head = &word[..upper - 1];
                if zone(head).is_some() || head == "AM" || head == "PM" {
                    cuts.push(start + upper - 1);
                }
            }
            if i < b.len()
                && b[i].is_ascii_digit()
                && ["ago", "fa", "geleden"]
                    .iter()
                    .any(|w| word.eq_ignore_ascii_case(w))
            {
                cuts.push(i);
            }
        } else {
            i += 1;
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + cuts.len());
    let mut last = 0;
    for c in cuts {
        out.push_str(&text[last..c]);
        out.push(' ');
        last = c;
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// What one line or text says about when.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stamp {
    /// A full calendar date.
    pub date: Option<Date>,
    /// A day without a year ("January 21").
    pub month_day: Option<(i8, i8)>,
    /// A wall-clock time.
    pub time: Option<Time>,
    /// The zone's offset at that date and time, if a zone was named.
    pub offset: Option<Offset>,
}

impl Stamp {
    /// The stamp as an entry date: a date-time with offset when the time is
    /// known (in `site_tz` when the page names no zone), else the day.
    pub fn entry_date(&self, site_tz: &TimeZone) -> Option<EntryDate> {
        let date = self.date?;
        match self.time {
            Some(t) => {
                let dt = date.to_datetime(t);
                match self.offset {
                    Some(off) => Some(EntryDate::At(dt, off)),
                    None => EntryDate::from_local(dt, site_tz),
                }
            }
            None => Some(EntryDate::Day(date)),
        }
    }
}

/// A stamp that counts back from when the page was read: "2h ago", "3 min
/// ago", "Yesterday, 21:14", "2h ago 14.32 AEDT". It names no day by
/// itself; a reader may place it on a day the page names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relative {
    /// How long before, in minutes: "2h ago" is 120.
    pub minutes_ago: Option<u32>,
    /// How many days before the page's day: "yesterday" is 1.
    pub days_ago: Option<u8>,
    /// A wall-clock time printed beside it, with its zone abbreviation.
    pub time: Option<(Time, Option<String>)>,
}

/// Where a date was found (start, end) and what it says: a full date, or
/// a month and day.
type DateSpan = (usize, usize, Option<Date>, Option<(i8, i8)>);

/// True when `text` may hold a numeric date: digits, a separator, digits,
/// the same separator, a digit ("4.1.2023", "2023/01/04"); a dot may have
/// a space after it ("26. 3. 2025"). A byte scan, far cheaper than the
/// regexes it spares.
fn may_hold_numeric_date(text: &str) -> bool {
    let b = text.as_bytes();
    // The digit after a separator at `i`, past a space after a dot.
    let digit_after = |i: usize| {
        let k = if b[i] == b'.' && b.get(i + 1) == Some(&b' ') {
            i + 2
        } else {
            i + 1
        };
        b.get(k).is_some_and(u8::is_ascii_digit).then_some(k)
    };
    let mut i = 1;
    while i + 1 < b.len() {
        let sep = b[i];
        if matches!(sep, b'.' | b'/' | b'-')
            && b[i - 1].is_ascii_digit()
            && let Some(k) = digit_after(i)
        {
            let mut j = k;
            while j < b.len() && j <= k + 3 && b[j].is_ascii_digit() {
                j += 1;
            }
            if j + 1 < b.len() && b[j] == sep && digit_after(j).is_some() {
                return true;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    false
}

/// True when the numeric date at `start..end` of `text` is part of a longer
/// run of numbers ("10.10.10.10", "1.2.3.2023"), as versions and addresses
/// are.
fn in_number_run(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let before = start >= 2
        && matches!(b[start - 1], b'.' | b'/' | b'-' | b':')
        && b[start - 2].is_ascii_digit();
    let after = end + 1 < b.len()
        && matches!(b[end], b'.' | b'/' | b'-' | b':')
        && b[end + 1].is_ascii_digit();
    before || after
}

/// Group `i` of `c` as a number.
fn num<T: std::str::FromStr>(c: &regex::Captures<'_>, i: usize) -> Option<T> {
    c.get(i).and_then(|x| x.as_str().parse().ok())
}

/// The best date of `text` (full dates first, then the earliest) and the
/// spans of every date found.
fn span_dates(text: &str) -> (Option<DateSpan>, Vec<(usize, usize)>) {
    span_dates_cued(text, None)
}

/// [`span_dates`], with the line's North American cue given (`us`) when
/// `text` is a piece of a longer line that holds it.
fn span_dates_cued(text: &str, us_cue: Option<bool>) -> (Option<DateSpan>, Vec<(usize, usize)>) {
    let mut best: Option<DateSpan> = None;
    let mut all = Vec::new();
    let mut consider = |s: usize, e: usize, y: Option<i16>, m: i8, d: i8| {
        if !(1..=31).contains(&d) || !(1..=12).contains(&m) {
            return;
        }
        let full = y.and_then(|y| Date::new(y, m, d).ok());
        if y.is_some() && full.is_none() {
            return;
        }
        all.push((s, e));
        let cand = (s, e, full, if full.is_none() { Some((m, d)) } else { None });
        // Prefer full dates, then the earliest.
        let better = match &best {
            None => true,
            Some(b) => {
                (b.2.is_none() && full.is_some()) || (b.2.is_some() == full.is_some() && s < b.0)
            }
        };
        if better {
            best = Some(cand);
        }
    };
    if let Some(c) = ISO.is_match(text).then(|| ISO.captures(text)).flatten() {
        let m0 = c.get(0).map_or(0..0, |m| m.range());
        if let (Some(y), Some(m), Some(d)) = (num(&c, 1), num(&c, 2), num(&c, 3)) {
            let end = c.get(3).map_or(m0.end, |x| x.end());
            consider(m0.start, end, Some(y), m, d);
        }
    }
    // Capture groups cost far more than a match test: each regex runs its
    // captures only when it matches at all.
    if MONTH_FIRST.is_match(text) {
        for c in MONTH_FIRST.captures_iter(text) {
            let all = c.get(0).map_or(0..0, |m| m.range());
            let (Some((m, _)), Some(d)) =
                (c.get(1).and_then(|x| month_number(x.as_str())), num(&c, 2))
            else {
                continue;
            };
            consider(all.start, all.end, num(&c, 3), m, d);
        }
    }
    if DAY_FIRST.is_match(text) {
        for c in DAY_FIRST.captures_iter(text) {
            let all = c.get(0).map_or(0..0, |m| m.range());
            let (Some(d), Some((m, weak))) = (
                num(&c, 1),
                c.get(2)
                    .filter(|x| ends_word(text, x.end()))
                    .and_then(|x| month_number(x.as_str())),
            ) else {
                continue;
            };
            let y = num(&c, 3);
            if weak && y.is_none() {
                continue;
            }
            consider(all.start, all.end, y, m, d);
        }
    }
    if YEAR_FIRST_NAMED.is_match(text) {
        for c in YEAR_FIRST_NAMED.captures_iter(text) {
            let all = c.get(0).map_or(0..0, |m| m.range());
            let month = c.get(2).filter(|x| ends_word(text, x.end())).and_then(|x| {
                let lower = x.as_str().to_lowercase();
                HUNGARIAN_MONTHS
                    .iter()
                    .find(|(n, _)| *n == lower)
                    .map(|&(_, m)| m)
            });
            if let (Some(m), Some(d)) = (month, num(&c, 3)) {
                consider(all.start, all.end, num(&c, 1), m, d);
            }
        }
    }
    if may_hold_numeric_date(text) {
        if NUMERIC.is_match(text) {
            let mut us = us_cue;
            for c in NUMERIC.captures_iter(text) {
                let all = c.get(0).map_or(0..0, |m| m.range());
                let (Some(a), Some(b), Some(y)) = (num(&c, 1), num(&c, 3), c.get(5)) else {
                    continue;
                };
                let sep = c.get(2).map_or("", |x| x.as_str());
                if Some(sep) != c.get(4).map(|x| x.as_str())
                    || in_number_run(text, all.start, all.end)
                {
                    continue;
                }
                let y: i16 = match y.as_str().parse::<i16>() {
                    Ok(y) if y >= 1000 => y,
                    // "0023": four digits are a year as written, too early.
                    Ok(_) if y.as_str().len() != 2 => continue,
                    // A two-digit year is a date only before a time.
                    Ok(y) if TIME_AHEAD.is_match(&text[all.end..]) => {
                        if y < 70 {
                            2000 + y
                        } else {
                            1900 + y
                        }
                    }
                    _ => continue,
                };
                // A part above 12 is the day; else month first only on a
                // line with a North American cue, and never with dots.
                let month_first = b > 12
                    || (a <= 12
                        && !sep.starts_with('.')
                        && *us.get_or_insert_with(|| US_CUE.is_match(text)));
                let (d, m) = if month_first { (b, a) } else { (a, b) };
                consider(all.start, all.end, Some(y), m, d);
            }
        }
        if YMD.is_match(text) {
            for c in YMD.captures_iter(text) {
                let all = c.get(0).map_or(0..0, |m| m.range());
                let (Some(y), Some(m), Some(d)) = (num(&c, 1), num(&c, 3), num(&c, 5)) else {
                    continue;
                };
                if c.get(2).map(|x| x.as_str()) != c.get(4).map(|x| x.as_str())
                    || in_number_run(text, all.start, all.end)
                {
                    continue;
                }
                consider(all.start, all.end, Some(y), m, d);
            }
        }
    }
    (best, all)
}

fn span_date(text: &str) -> Option<DateSpan> {
    span_dates(text).0
}

/// True when `gap` (between a date and a time) holds only separators and
/// the words that join them: "16 Feb 2023 16.05", "4 mars 2023 à 17.42".
fn joins_date_and_time(gap: &str) -> bool {
    words(gap).all(|(s, e)| {
        matches!(
            gap[s..e].to_lowercase().as_str(),
            "at" | "à" | "a" | "um" | "om" | "alle" | "ore" | "às" | "as" | "las" | "kl" | "klo"
        )
    }) && gap.chars().count() <= 12
}

/// Reads the first time (with its zone) in `text`. A dotted time ("16.05")
/// counts only before a zone or a clock word ("Uhr", "h"), or right after
/// the date that ends at `date_end` when no word follows it.
fn span_time(text: &str, date_end: Option<usize>) -> Option<(usize, usize, Time, Option<&str>)> {
    for c in TIME.captures_iter(text) {
        let Some(all) = c.get(0).map(|m| m.range()) else {
            continue;
        };
        let dotted = c.get(7).is_some();
        // A match that does not read as numbers (digits of another script)
        // is skipped; the next one may be the time.
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i8>().ok());
        let (h, m, ampm) = if c.get(1).is_some() {
            let Some(h) = num(1) else { continue };
            let Some(m) = (if c.get(2).is_some() { num(2) } else { Some(0) }) else {
                continue;
            };
            let ap = c
                .get(3)
                .or(c.get(4))
                .map(|x| x.as_str().to_ascii_lowercase());
            (h, m, ap)
        } else if c.get(5).is_some() {
            let (Some(h), Some(m)) = (num(5), num(6)) else {
                continue;
            };
            (h, m, None)
        } else {
            let (Some(h), Some(m)) = (num(7), num(8)) else {
                continue;
            };
            (h, m, None)
        };
        let h = match ampm.as_deref() {
            Some("a") if (1..=12).contains(&h) => h % 12,
            Some("p") if (1..=12).contains(&h) => h % 12 + 12,
            Some(_) => continue,
            None => h,
        };
        let Ok(time) = Time::new(h, m, 0, 0) else {
            continue;
        };
        let rest = &text[all.end..];
        let zoned = zone_after(rest);
        if let Some((len, abbr)) = zoned {
            return Some((all.start, all.end + len, time, Some(abbr)));
        }
        if dotted {
            let clock = CLOCK_WORD.find(rest).map(|m| m.end());
            let after_date = date_end.is_some_and(|d| {
                d <= all.start
                    && joins_date_and_time(&text[d..all.start])
                    && rest
                        .trim_start()
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            });
            match clock {
                Some(len) => return Some((all.start, all.end + len, time, None)),
                None if after_date => {}
                None => continue,
            }
        }
        return Some((all.start, all.end, time, None));
    }
    None
}

/// The zone right after a time, as (length of the text it takes, its
/// abbreviation or offset): "GMT", " (CET)", " Uhr MEZ", ", UK", " +0100".
fn zone_after(rest: &str) -> Option<(usize, &str)> {
    ZONE.captures(rest)
        .and_then(|z| Some((z.get(0)?.end(), z.get(1)?.as_str())))
        .or_else(|| {
            let z = OFFSET_AFTER.captures(rest)?;
            Some((z.get(0)?.end(), z.get(1)?.as_str()))
        })
        .filter(|(_, abbr)| zone(abbr).is_some())
}

/// Scans `text` for a date, a time and a zone.
pub fn scan(text: &str) -> Stamp {
    // Every date and time needs a number that parses, and only ASCII
    // digits do (`\d` also matches other digits, whose numbers then fail
    // to parse): text without one holds none, and most headers have none.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Stamp::default();
    }
    // Glued stamps are a short line's trouble; prose is read as it is.
    if text.len() <= 120 {
        scan_spans(&unglue(text), None).0
    } else {
        scan_spans(text, None).0
    }
}

/// The stamp of `text` and the spans it was read from (every date, then
/// the time). A time with no date in `text` is placed on `day` when given.
fn scan_spans(text: &str, day: Option<Date>) -> (Stamp, Vec<(usize, usize)>) {
    scan_spans_cued(text, day, None)
}

/// [`scan_spans`] with the line's North American cue given (see
/// [`span_dates_cued`]).
fn scan_spans_cued(
    text: &str,
    day: Option<Date>,
    us_cue: Option<bool>,
) -> (Stamp, Vec<(usize, usize)>) {
    let mut stamp = Stamp::default();
    let (best, mut spans) = span_dates_cued(text, us_cue);
    let mut date_end = None;
    if let Some((_, e, date, md)) = best {
        stamp.date = date;
        stamp.month_day = md;
        date_end = Some(e);
    }
    // Search for the time outside the dates, so "21 January 2022" is never
    // read as a time; each masked char keeps its byte length, so offsets
    // agree with `text`.
    let masked: Cow<'_, str> = if spans.is_empty() {
        Cow::Borrowed(text)
    } else {
        let mut m = String::with_capacity(text.len());
        for (i, c) in text.char_indices() {
            if spans.iter().any(|&(s, e)| i >= s && i < e) {
                m.extend(std::iter::repeat_n(' ', c.len_utf8()));
            } else {
                m.push(c);
            }
        }
        Cow::Owned(m)
    };
    if stamp.date.is_none()
        && let Some(d) = day
    {
        stamp.date = Some(d);
    }
    if let Some((s, e, time, zone_abbr)) = span_time(&masked, date_end) {
        stamp.time = Some(time);
        spans.push((s, e));
        if let (Some(abbr), Some(date)) = (zone_abbr, stamp.date) {
            stamp.offset = offset_at(abbr, date.to_datetime(time));
        }
    }
    if let Some(c) = ISO.is_match(text).then(|| ISO.captures(text)).flatten()
        && stamp.date.is_some()
        && c.get(4).is_some()
        && best.is_some_and(|b| Some(b.0) == c.get(0).map(|m| m.start()))
    {
        let off = c.get(6).and_then(|z| {
            if z.as_str() == "Z" {
                Some(Offset::UTC)
            } else {
                zone(&format!("UTC{}", z.as_str())).and_then(|z| match z {
                    Zone::Fixed(min) => Offset::from_seconds(min * 60).ok(),
                    Zone::Named(_) => None,
                })
            }
        });
        let h = c.get(4).and_then(|x| x.as_str().parse().ok());
        let m = c.get(5).and_then(|x| x.as_str().parse().ok());
        if let (Some(h), Some(m)) = (h, m)
            && let Ok(t) = Time::new(h, m, 0, 0)
        {
            stamp.time = Some(t);
            // A zone named after the time ("2022-01-21 10:00 GMT+3")
            // stands when the date-time itself carries no offset.
            stamp.offset = off.or(stamp.offset);
        }
    }
    (stamp, spans)
}

fn offset_at(abbr: &str, dt: civil::DateTime) -> Option<Offset> {
    match zone(abbr)? {
        Zone::Fixed(min) => Offset::from_seconds(min * 60).ok(),
        Zone::Named(name) => {
            let tz = jiff::tz::db().get(name).ok()?;
            dt.to_zoned(tz).ok().map(|z| z.offset())
        }
    }
}

/// The spans of every time (with the zone after it) and every relative
/// phrase of `text`.
fn time_and_relative_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    for m in TIME.find_iter(text) {
        let mut end = m.end();
        if let Some((len, _)) = zone_after(&text[end..]) {
            end += len;
        }
        spans.push((m.start(), end));
    }
    spans.extend(relative_spans(text).into_iter().map(|(s, e, _)| (s, e)));
    spans
}

/// True when `text` holds a word that makes a count relative: "ago", "fa",
/// "geleden", "atrás" after it, "il y a", "vor", "hace", "há", "ha" before
/// it. A cheap test before [`RELATIVE`].
fn may_be_relative(text: &str) -> bool {
    let b = text.as_bytes();
    let has = |w: &[u8]| b.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w));
    has(b"ago")
        || has(b"fa")
        || has(b"geleden")
        || has(b"atr")
        || has(b"il y a")
        || has(b"vor")
        || has(b"hace")
        || has("há".as_bytes())
        || has(b"ha ")
}

/// The relative phrases of `text` ("2h ago", "vor 3 Minuten") with the
/// minutes each counts back.
fn relative_spans(text: &str) -> Vec<(usize, usize, u32)> {
    if !may_be_relative(text) || !RELATIVE.is_match(text) {
        return Vec::new();
    }
    RELATIVE
        .captures_iter(text)
        .filter(|c| c.get(1).is_some() || c.get(4).is_some())
        .filter_map(|c| {
            let all = c.get(0)?.range();
            let n = c.get(2)?.as_str();
            let n: u32 = n.parse().unwrap_or(1);
            let unit = c.get(3)?.as_str().to_lowercase();
            let per = if unit.starts_with("sem") || unit.starts_with("set") || unit.starts_with('w')
            {
                7 * 24 * 60
            } else if unit.starts_with("st") || unit.starts_with(['h', 'u', 'o']) {
                60
            } else if unit.starts_with('s') {
                0
            } else if unit.starts_with('m') {
                1
            } else {
                // days, jours, Tage, días, giorni, dagen
                24 * 60
            };
            Some((all.start, all.end, n.saturating_mul(per)))
        })
        .collect()
}

/// True when every word of `text` outside `removed` is a filler word or a
/// zone. With `place`, a dateline of up to four capitalised words may open
/// the line before the first span when a dash, comma or bar ends it
/// ("Madrid - 04 ene 2023 - 17:42 CET").
fn only_filler(text: &str, removed: &[(usize, usize)], place: bool) -> bool {
    let first = removed.iter().map(|s| s.0).min().unwrap_or(text.len());
    let mut place_words = 0;
    let mut place_end = None;
    for (s, e) in words(text) {
        if removed.iter().any(|&(a, b)| s >= a && s < b) {
            continue;
        }
        let w = &text[s..e];
        if is_filler(w) || is_zone_word(w) {
            continue;
        }
        if place
            && e <= first
            && w.chars().next().is_some_and(char::is_uppercase)
            && !w.chars().any(|c| c.is_ascii_digit())
        {
            place_words += 1;
            place_end = Some(e);
            continue;
        }
        return false;
    }
    match place_end {
        Some(pe) => place_words <= 4 && text[pe..first].contains(['-', '–', '—', ',', '|']),
        None => true,
    }
}

/// The first update label of a line ("Updated", "modifié", "Stand",
/// "mis à jour"...) as a byte range, and whether it opens the line (after
/// at most a lead word such as "Last" or "Zuletzt").
fn update_label(line: &str) -> Option<(usize, usize, bool)> {
    let mut leading = true;
    let ws: Vec<(usize, usize)> = words(line).collect();
    for (k, &(s, e)) in ws.iter().enumerate() {
        let w = line[s..e].to_lowercase();
        let label = UPDATE_LABELS.contains(&w.as_str())
            || ((w == "mis" || w == "mise")
                && ws.get(k + 1).is_some_and(|&(a, b)| {
                    matches!(line[a..b].to_lowercase().as_str(), "à" | "a")
                })
                && ws
                    .get(k + 2)
                    .is_some_and(|&(a, b)| line[a..b].eq_ignore_ascii_case("jour")));
        if label {
            // "mis à jour": the label runs to "jour".
            let end = if w == "mis" || w == "mise" {
                ws[k + 2].1
            } else {
                e
            };
            return Some((s, end, leading));
        }
        leading = leading && UPDATE_LEADS.contains(&w.as_str());
    }
    None
}

/// Reads a line that is nothing but a timestamp ("8:49 a.m. ET, January
/// 21, 2022", "Updated 14:05 GMT, 21 Jan 2022", "Stand: 04.01.2023 17:42
/// Uhr", "Madrid - 04 ene 2023 - 17:42 CET"); `None` for any other line.
///
/// When an update label follows the first date ("Publié le 4 janvier 2023
/// à 17h42, modifié le 5 janvier 2023 à 08h15", "5 gennaio 2023 (modifica
/// il 5 gennaio 2023 | 19:20)"), the stamp is what comes before it: the
/// publication. [`updated_stamp`] reads the other part.
pub fn stamp_line(line: &str) -> Option<Stamp> {
    let line = line.trim();
    if line.len() > 80 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // The shape of a page, its live-blog posts and its cleaning each ask
    // about the same short lines: the answers for recent lines are kept,
    // and a line's answer depends on nothing but the line.
    STAMP_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let slot = &mut cache[stamp_slot(line)];
        if let Some((seen, stamp)) = slot
            && seen == line
        {
            return *stamp;
        }
        let stamp = read_stamp_line(line);
        match slot {
            Some((seen, old)) => {
                seen.clear();
                seen.push_str(line);
                *old = stamp;
            }
            None => *slot = Some((line.to_string(), stamp)),
        }
        stamp
    })
}

/// Slots of [`STAMP_CACHE`].
const STAMP_SLOTS: usize = 64;

/// A line [`stamp_line`] read (trimmed) and what it read.
type ReadStamp = Option<(String, Option<Stamp>)>;

thread_local! {
    /// Recent lines [`stamp_line`] read, by [`stamp_slot`].
    static STAMP_CACHE: std::cell::RefCell<Vec<ReadStamp>> =
        std::cell::RefCell::new(vec![None; STAMP_SLOTS]);
}

/// The slot of [`STAMP_CACHE`] for a line: FNV-1a of its bytes (at most
/// 80).
fn stamp_slot(line: &str) -> usize {
    let h = line.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    (h >> 32) as usize % STAMP_SLOTS
}

/// True when `line` may hold a date at all: the cheap test before the
/// costlier search for times and zones.
fn may_hold_date(line: &str) -> bool {
    ISO.is_match(line)
        || MONTH_FIRST.is_match(line)
        || DAY_FIRST.is_match(line)
        || YEAR_FIRST_NAMED.is_match(line)
        || (may_hold_numeric_date(line) && (NUMERIC.is_match(line) || YMD.is_match(line)))
}

/// [`stamp_line`] of a trimmed line of at most 80 bytes holding a digit,
/// read afresh.
fn read_stamp_line(line: &str) -> Option<Stamp> {
    let line = unglue(line);
    let line = line.as_ref();
    // Most short lines hold no date at all: say so before the costlier
    // search for times and zones.
    if !may_hold_date(line) {
        return None;
    }
    let (stamp, mut spans) = scan_spans(line, None);
    stamp.date?;
    spans.extend(time_and_relative_spans(line));
    if !only_filler(line, &spans, true) {
        return None;
    }
    // A label of update after the first date: the publication is before it.
    // The part before the label is read with the whole line's cue: "03/09/2024
    // Updated 03/10/2024 10:15 PM EDT" is March 9 throughout.
    if let Some((s, _, false)) = update_label(line)
        && let (before, _) = scan_spans_cued(&line[..s], None, Some(US_CUE.is_match(line)))
        && before.date.is_some()
    {
        return Some(before);
    }
    Some(stamp)
}

/// The update stamp of a stamp line: all of it when it opens with an update
/// label ("Updated 14:05 GMT, 21 Jan 2022", "Stand: 04.01.2023 17:42 Uhr"),
/// else what follows a label after its first date ("Jan 9, 2023 Updated Jan
/// 10, 2023"), on the first date's day when it gives only a time ("Publié
/// le 12 mars 2023 à 09h15, mis à jour à 11h40"). `None` when the line
/// names no update.
pub fn updated_stamp(line: &str) -> Option<Stamp> {
    let published = stamp_line(line)?;
    let line = unglue(line.trim());
    let (s, end, leading) = update_label(&line)?;
    if leading {
        return Some(published);
    }
    let after = &line[end..];
    let (own, _) = scan_spans(after, None);
    if own.date.is_some() {
        return Some(own);
    }
    if own.time.is_some() {
        return Some(scan_spans(after, published.date).0);
    }
    // A label that closes the line, as Japanese writes it ("（1月10日
    // 13時05分更新）"): the update is the bracketed part just before the
    // label, a day without a year in the year of publication.
    if after.chars().any(char::is_alphanumeric) {
        return None;
    }
    let head = &line[..s];
    let from = head.rfind(['(', '（'])?;
    let piece = &head[from..];
    let (mut own, _) = scan_spans(piece, None);
    if own.date.is_none()
        && let (Some((m, d)), Some(p)) = (own.month_day, published.date)
    {
        own.date = Date::new(p.year(), m, d).ok();
    }
    if own.date.is_none() && own.time.is_some() {
        own.date = published.date;
    }
    own.date.is_some().then_some(own)
}

/// Reads a line that is nothing but a time ("10:55 a.m. ET", "14:05",
/// "16.05 GMT", "2h ago 14.32 AEDT"), as live blogs show when every post is
/// of the same day. Returns the time and the zone abbreviation, if any.
pub fn time_line(line: &str) -> Option<(Time, Option<String>)> {
    let line = line.trim();
    if line.len() > 40 || !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let line = unglue(line);
    let line = line.as_ref();
    // Most short lines with a digit hold no time at all.
    if !TIME.is_match(line) {
        return None;
    }
    let rel = relative_spans(line);
    let masked = mask(line, rel.iter().map(|&(s, e, _)| (s, e)));
    let (s, e, time, abbr) = span_time(&masked, None)?;
    // "0:39" is how players show a duration: a clock past midnight reads
    // "00:39" or "12:39 a.m.".
    let b = line.as_bytes();
    if b[s] == b'0' && b.get(s + 1).is_some_and(|c| !c.is_ascii_digit()) && time.hour() < 12 {
        return None;
    }
    if span_date(line).is_some() {
        return None;
    }
    let mut removed: Vec<(usize, usize)> = rel.iter().map(|&(s, e, _)| (s, e)).collect();
    removed.push((s, e));
    only_filler(line, &removed, false).then(|| (time, abbr.map(str::to_string)))
}

/// Reads a line that is nothing but a 24-hour time with a dot ("14.25",
/// "09.30", "9.30"), as Finnish, Norwegian and Danish live blogs stamp
/// their posts. Alone such a line may be a price or a score,
/// so only a reader that asks more of it (a post with its headline and
/// prose) should take it; [`time_line`] does not.
pub fn dotted_time_line(line: &str) -> Option<Time> {
    let (h, m) = line.trim().split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !(1..=2).contains(&h.len()) || m.len() != 2 || !digits(h) || !digits(m) {
        return None;
    }
    Time::new(h.parse().ok()?, m.parse().ok()?, 0, 0).ok()
}

/// `text` with the given byte ranges blanked, byte for byte.
fn mask(text: &str, spans: impl Iterator<Item = (usize, usize)>) -> Cow<'_, str> {
    let spans: Vec<(usize, usize)> = spans.collect();
    if spans.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut m = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if spans.iter().any(|&(s, e)| i >= s && i < e) {
            m.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            m.push(c);
        }
    }
    Cow::Owned(m)
}

/// Reads a line that is nothing but a relative stamp: "2h ago", "3 min
/// ago", "Updated 5m ago", "vor 2 Stunden", "Gisteren, 21:14", "2h ago
/// 14.32 AEDT". `None` for any other line, and for a line naming a date.
pub fn relative_line(line: &str) -> Option<Relative> {
    let line = line.trim();
    if line.len() > 60 || line.is_empty() {
        return None;
    }
    let line = unglue(line);
    let line = line.as_ref();
    // Every short line of a page comes here: a byte scan, not a substring
    // search set up per line.
    if !line.bytes().any(|b| b.is_ascii_digit())
        && !line.as_bytes().windows(4).any(|w| w == b" ago")
    {
        return None;
    }
    let mut rel = Relative::default();
    let mut removed = Vec::new();
    if let Some(&(s, e, minutes)) = relative_spans(line).first() {
        rel.minutes_ago = Some(minutes);
        removed.push((s, e));
    }
    for (s, e) in words(line) {
        let w = &line[s..e];
        if w.len() > 11 || w.bytes().any(|b| b.is_ascii_digit()) {
            continue;
        }
        let w = w.to_lowercase();
        if let Some(&(_, days)) = DAY_WORDS.iter().find(|(d, _)| *d == w) {
            rel.days_ago.get_or_insert(days);
            removed.push((s, e));
        } else if w == "hui" && (line[..s].ends_with('\'') || line[..s].ends_with('’')) {
            removed.push((s, e));
        }
    }
    if rel.minutes_ago.is_none() && rel.days_ago.is_none() {
        return None;
    }
    if span_date(line).is_some() {
        return None;
    }
    let masked = mask(line, removed.iter().copied());
    if let Some((s, e, t, abbr)) = span_time(&masked, None) {
        rel.time = Some((t, abbr.map(str::to_string)));
        removed.push((s, e));
    }
    // A day word needs a time beside it: "Today" alone is a menu item.
    if rel.minutes_ago.is_none() && rel.time.is_none() {
        return None;
    }
    only_filler(line, &removed, false).then_some(rel)
}

/// A time on a day, in the named zone or else the site's.
pub fn at_on(date: Date, time: Time, abbr: Option<&str>, site_tz: &TimeZone) -> Option<EntryDate> {
    let dt = date.to_datetime(time);
    match abbr.and_then(|a| offset_at(a, dt)) {
        Some(off) => Some(EntryDate::At(dt, off)),
        None => EntryDate::from_local(dt, site_tz),
    }
}

/// Words that open a publication stamp: "Published 4 March 2025",
/// "Julkaistu 20.11.2025 8:12", "Опубликовано 14 января 2025".
#[rustfmt::skip]
const PUBLISH_LABELS: &[&str] = &[
    "published", "posted", "publié", "publiée", "veröffentlicht", "erschienen", "publicado",
    "publicada", "pubblicato", "pubblicata", "publicat", "publicată", "gepubliceerd",
    "geplaatst", "опубликовано", "опубліковано", "publikováno", "publikované",
    "opublikowano", "közzétéve", "publikálva", "julkaistu", "yayınlanma", "δημοσίευση",
    "δημοσιεύθηκε", "diterbitkan", "dipublikasikan", "publisert", "publiceret", "publicerad",
];

/// Reads a line that opens with a publication label ("Published", "First
/// published", "Publié le", "Julkaistu"...) and is a dated stamp: the
/// line a story's own day is on, wherever the page puts it.
pub fn published_stamp(line: &str) -> Option<Stamp> {
    let t = line.trim_start();
    let mut ws = words(t).map(|(s, e)| &t[s..e]);
    let mut first = ws.next()?;
    if first.eq_ignore_ascii_case("first") {
        first = ws.next()?;
    }
    if first.len() > 24 || !PUBLISH_LABELS.contains(&first.to_lowercase().as_str()) {
        return None;
    }
    stamp_line(t).filter(|s| s.date.is_some())
}

/// The bytes an update label or its lead word may open with, in either
/// case: the cheap first test of [`is_updated_line`].
static LABEL_FIRST_BYTES: LazyLock<[bool; 256]> = LazyLock::new(|| {
    let mut first = [false; 256];
    for w in UPDATE_LABELS
        .iter()
        .chain(UPDATE_LEADS)
        .chain(&["mis", "mise"])
    {
        for form in [w.to_string(), w.to_uppercase()] {
            if let Some(&b) = form.as_bytes().first() {
                first[usize::from(b)] = true;
            }
        }
    }
    first
});

/// True when a line opens with "Updated" (or its cousins in other
/// languages: "Aktualisiert", "Stand", "Mis à jour", "Actualizado",
/// "Aggiornato", "Atualizado", "Bijgewerkt", "Aangepast"...) and is a
/// timestamp: a date, a time alone, or a relative stamp.
pub fn is_updated_line(line: &str) -> bool {
    let t = line.trim_start();
    // The first byte, then the first word decide cheaply: a label, or a
    // word that leads one.
    let b = t.as_bytes();
    if !b
        .first()
        .is_some_and(|&c| LABEL_FIRST_BYTES[usize::from(c)])
    {
        return false;
    }
    // The first word, to the first character that is no letter or digit
    // (a no-break space after "Updated" ends it too); the longest label
    // ("ενημερώθηκε") takes 22 bytes.
    let len = t.find(|c: char| !c.is_alphanumeric()).unwrap_or(t.len());
    if !(3..=24).contains(&len) {
        return false;
    }
    let first = &t[..len];
    let is = |w: &&str| {
        if first.is_ascii() {
            first.eq_ignore_ascii_case(w)
        } else {
            first.chars().flat_map(char::to_lowercase).eq(w.chars())
        }
    };
    if !(UPDATE_LABELS.iter().any(is) || UPDATE_LEADS.iter().any(is) || is(&"mis") || is(&"mise")) {
        return false;
    }
    update_label(t).is_some_and(|(_, _, leading)| leading)
        && (stamp_line(t).is_some() || time_line(t).is_some() || relative_line(t).is_some())
}

/// Reads a compact `YYYYMMDD` date line, as dumps have.
pub fn compact_date(line: &str) -> Option<Date> {
    let c = COMPACT.captures(line.trim())?;
    let y = c.get(1)?.as_str().parse().ok()?;
    let m = c.get(2)?.as_str().parse().ok()?;
    let d = c.get(3)?.as_str().parse().ok()?;
    Date::new(y, m, d).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_part_of_an_update_line_keeps_the_lines_month_order() {
        let s = stamp_line("03/09/2024 Updated 03/10/2024 10:15 PM EDT").unwrap();
        assert_eq!(s.date, Some(jiff::civil::date(2024, 3, 9)));
        let u = updated_stamp("03/09/2024 Updated 03/10/2024 10:15 PM EDT").unwrap();
        assert_eq!(u.date, Some(jiff::civil::date(2024, 3, 10)));
        // Without a North American cue, day first.
        let s = stamp_line("03/09/2024 Updated 03/10/2024 22:15").unwrap();
        assert_eq!(s.date, Some(jiff::civil::date(2024, 9, 3)));
    }

    #[test]
    fn a_year_written_with_four_digits_below_1000_is_no_year_of_ours() {
        let year = |t: &str| stamp_line(t).and_then(|s| s.date).map(|d| d.year());
        assert_eq!(year("04.01.2023 17:42"), Some(2023));
        assert_ne!(year("04.01.0023 17:42"), Some(2023));
    }

    #[test]
    fn an_update_label_before_a_no_break_space_is_still_a_label() {
        assert!(is_updated_line("Updated\u{a0}5 hours ago"));
        assert!(is_updated_line("Updated 5 hours ago"));
    }

    fn at(line: &str) -> String {
        stamp_line(line)
            .and_then(|s| s.entry_date(&TimeZone::UTC))
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn reads_us_eastern_live_blog_stamps_in_winter_and_summer() {
        assert_eq!(
            at("8:49 a.m. ET, January 21, 2022"),
            "2022-01-21T08:49:00-05:00"
        );
        assert_eq!(
            at("3:15 p.m. ET, July 4, 2022"),
            "2022-07-04T15:15:00-04:00"
        );
        assert_eq!(
            at("12:05 a.m. ET, March 2, 2023"),
            "2023-03-02T00:05:00-05:00"
        );
    }

    #[test]
    fn reads_other_regions_and_explicit_offsets() {
        assert_eq!(at("21 January 2022 14:05 GMT"), "2022-01-21T14:05:00Z");
        assert_eq!(
            at("Updated 09:30 CET, 3 Feb 2022"),
            "2022-02-03T09:30:00+01:00"
        );
        assert_eq!(at("June 1, 2021 7:00 PM PT"), "2021-06-01T19:00:00-07:00");
        assert_eq!(at("1 June 2021, 18:00 AEST"), "2021-06-01T18:00:00+10:00");
        assert_eq!(at("2022-01-21 10:00 GMT+3"), "2022-01-21T10:00:00+03:00");
    }

    #[test]
    fn remembered_stamp_lines_read_as_fresh_ones() {
        // More lines than slots, asked twice in another order, so answers
        // come both from memory and after their slot was taken.
        let lines: Vec<String> = (0..200)
            .map(|i| match i % 4 {
                0 => format!("{}:{:02} GMT, {} Jan 2022", i % 24, i % 60, 1 + i % 28),
                1 => format!("Updated {} March 2023", 1 + i % 28),
                2 => format!("Page {i} of 300"),
                _ => format!("2021-0{}-1{} 10:00", 1 + i % 9, i % 10),
            })
            .collect();
        let fresh: Vec<Option<Stamp>> = lines.iter().map(|l| read_stamp_line(l)).collect();
        assert!(fresh.iter().filter(|s| s.is_some()).count() > 100);
        let n = lines.len();
        // 7 and 200 share no factor, so the second round is a shuffle.
        for i in (0..n).chain((0..n).map(|k| k * 7 % n)) {
            assert_eq!(stamp_line(&lines[i]), fresh[i], "{}", lines[i]);
        }
    }

    #[test]
    fn a_stamp_without_zone_uses_the_site_zone() {
        let tz = jiff::tz::db().get("Europe/Berlin").unwrap();
        let s = stamp_line("Friday, 8 July 2022, 10:30").unwrap();
        assert_eq!(
            s.entry_date(&tz).unwrap().to_string(),
            "2022-07-08T10:30:00+02:00"
        );
    }

    #[test]
    fn reads_stamps_in_other_languages() {
        let s = stamp_line("Publié le 12 mars 2023 à 09h15, mis à jour à 11h40").unwrap();
        assert_eq!(
            s.entry_date(&TimeZone::UTC).unwrap().to_string(),
            "2023-03-12T09:15:00Z"
        );
    }

    #[test]
    fn text_without_ascii_digits_holds_no_date() {
        // Other digits match `\d` but never parse.
        for t in [
            "The talks began in Oslo.",
            "Le ١٢ mars ٢٠٢٣ à ٩:١٥",
            "March ３, ２０２２ at ４:１５ p.m. ET",
            "٢٠٢٢-٠١-٢١T١٠:٠٠Z",
        ] {
            assert_eq!(scan(t), Stamp::default(), "{t}");
            assert_eq!(scan_spans(t, None).0, Stamp::default(), "{t}");
        }
    }

    #[test]
    fn prose_is_not_a_stamp_line() {
        assert!(stamp_line("The talks began on January 21, 2022 in Oslo.").is_none());
        assert!(stamp_line("0:00 0:03:02 0:00").is_none());
    }

    #[test]
    fn finds_days_without_years_in_prose() {
        let s = scan("The ministers met on March 3 in Vienna.");
        assert_eq!(s.month_day, Some((3, 3)));
        assert_eq!(s.date, None);
        let s = scan("Publié le 4 mars 2021");
        assert_eq!(s.date, Some(civil::date(2021, 3, 4)));
    }

    #[test]
    fn reads_time_only_lines() {
        let (t, z) = time_line("10:55 a.m. ET").unwrap();
        let d = at_on(civil::date(2022, 7, 1), t, z.as_deref(), &TimeZone::UTC).unwrap();
        assert_eq!(d.to_string(), "2022-07-01T10:55:00-04:00");
        assert!(time_line("The talks began at 10:55 a.m.").is_none());
        assert!(time_line("8:49 a.m. ET, January 21, 2022").is_none());
    }

    #[test]
    fn reads_compact_dump_dates() {
        assert_eq!(compact_date("20220121"), Some(civil::date(2022, 1, 21)));
        assert_eq!(compact_date("20221321"), None);
    }

    fn berlin() -> TimeZone {
        jiff::tz::db().get("Europe/Berlin").unwrap()
    }

    /// [`stamp_line`] read in `tz`, as text; empty when not a stamp line.
    fn at_in(line: &str, tz: &TimeZone) -> String {
        stamp_line(line)
            .and_then(|s| s.entry_date(tz))
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    fn updated(line: &str) -> String {
        updated_stamp(line)
            .and_then(|s| s.entry_date(&TimeZone::UTC))
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn reads_numeric_day_month_year_dates() {
        let tz = berlin();
        // Dots: always day first; a time with "Uhr" and no zone is in the
        // site's zone.
        assert_eq!(
            at_in("Stand: 07.03.2024 09:05 Uhr", &tz),
            "2024-03-07T09:05:00+01:00"
        );
        assert_eq!(at_in("07.03.2024", &tz), "2024-03-07");
        assert_eq!(
            at_in("Aktualisiert am 12.11.2022, 18:30 Uhr", &tz),
            "2022-11-12T18:30:00+01:00"
        );
        // Hyphens and slashes without a North American cue: day first.
        assert_eq!(
            at("Bijgewerkt op 09-03-2024, 07:45"),
            "2024-03-09T07:45:00Z"
        );
        assert_eq!(at("03/09/2024 10:15"), "2024-09-03T10:15:00Z");
        // ISO, and year first with slashes.
        assert_eq!(at("2024-02-09 18:20"), "2024-02-09T18:20:00Z");
        assert_eq!(at("2024/02/09 18:20 CET"), "2024-02-09T18:20:00+01:00");
        // A two-digit year only before a time.
        assert_eq!(at("09.03.24, 07:45"), "2024-03-09T07:45:00Z");
        assert_eq!(scan("Ref. 09.03.24").date, None);
    }

    #[test]
    fn numeric_day_and_month_order_follows_the_line() {
        // A part above 12 decides.
        assert_eq!(at("13/04/2024 08:00"), "2024-04-13T08:00:00Z");
        assert_eq!(at("04/13/2024 8:00"), "2024-04-13T08:00:00Z");
        // A 12-hour clock or a North American zone: month first.
        assert_eq!(at("03/09/2024 10:15 AM EDT"), "2024-03-09T10:15:00-04:00");
        assert_eq!(at("Updated: 03/09/2024 10:15 PM"), "2024-03-09T22:15:00Z");
        assert_eq!(at("03-09-2024 16:40 ET"), "2024-03-09T16:40:00-05:00");
        // Anywhere else day first; dots are day first even then.
        assert_eq!(at("03/09/2024 16:40 CET"), "2024-09-03T16:40:00+01:00");
        assert_eq!(at("03.09.2024 10:15 PM"), "2024-09-03T22:15:00Z");
        // Not a date at all.
        assert_eq!(at("13/13/2024"), "");
    }

    #[test]
    fn reads_month_names_and_abbreviations_of_seven_languages() {
        for (line, want) in [
            ("9 févr. 2024 à 18h20", "2024-02-09T18:20:00Z"),
            ("9 fevrier 2024", "2024-02-09"),
            ("Le 3 janv. 2024", "2024-01-03"),
            ("12 avr. 2024, 06h05", "2024-04-12T06:05:00Z"),
            ("Fr., 9. März 2024, 18:20 Uhr", "2024-03-09T18:20:00Z"),
            ("9. Mrz. 2024", "2024-03-09"),
            ("21. Okt. 2023 um 11:15 Uhr", "2023-10-21T11:15:00Z"),
            ("09 ene 2024 - 18:20 CET", "2024-01-09T18:20:00+01:00"),
            ("9 de enero de 2024, 18:20", "2024-01-09T18:20:00Z"),
            ("1º de abr. de 2024", "2024-04-01"),
            ("14 dic 2023 - 22:10 CET", "2023-12-14T22:10:00+01:00"),
            ("9 gen 2024 alle 18:20", "2024-01-09T18:20:00Z"),
            ("17 lug 2023", "2023-07-17"),
            ("2 set 2023 ore 09:30", "2023-09-02T09:30:00Z"),
            ("9 out. 2023, 18h20", "2023-10-09T18:20:00Z"),
            ("9 de marco de 2024", "2024-03-09"),
            ("9 mrt 2024 10:15", "2024-03-09T10:15:00Z"),
            ("9 mei 2024 om 10:15", "2024-05-09T10:15:00Z"),
            ("Sept. 9, 2024, 6 AM ET", "2024-09-09T06:00:00-04:00"),
        ] {
            assert_eq!(at(line), want, "{line}");
        }
    }

    #[test]
    fn abbreviations_that_are_words_need_a_day_and_a_year() {
        for t in [
            "The striker was out 3 weeks with a knee injury.",
            "She scored 4 out of 5 in the test.",
            "The judges set 12 new rules.",
            "It was a gen 2 reactor.",
            "The mag 7 quake hit at dawn.",
            "out 3",
        ] {
            let s = scan(t);
            assert_eq!((s.date, s.month_day), (None, None), "{t}");
        }
        assert_eq!(scan("le 9 out 2023").date, Some(civil::date(2023, 10, 9)));
    }

    #[test]
    fn reads_dotted_and_french_times() {
        assert_eq!(at("Fri 9 Feb 2024 18.20 GMT"), "2024-02-09T18:20:00Z");
        // A dotted time right after a date, with nothing after it.
        assert_eq!(at("Fri 9 Feb 2024 18.20"), "2024-02-09T18:20:00Z");
        assert_eq!(at("09.02.2024 18.20 Uhr"), "2024-02-09T18:20:00Z");
        assert_eq!(
            at("Publié le 9 février 2024 à 7h05"),
            "2024-02-09T07:05:00Z"
        );
        assert_eq!(
            time_line("18.20 GMT"),
            Some((civil::time(18, 20, 0, 0), Some("GMT".into())))
        );
        assert_eq!(
            time_line("à 17h42"),
            Some((civil::time(17, 42, 0, 0), None))
        );
        assert_eq!(
            time_line("5:14 PM"),
            Some((civil::time(17, 14, 0, 0), None))
        );
        // A dotted number alone is no time: a price, a score, a figure.
        assert_eq!(time_line("18.20"), None);
        assert_eq!(scan("The shares closed at 17.42 on 9 Feb 2024.").time, None);
        assert_eq!(
            scan("On 9 Feb 2024 17.42 million shares changed hands").time,
            None
        );
    }

    #[test]
    fn a_duration_is_not_a_clock() {
        assert_eq!(time_line("0:39"), None);
        assert_eq!(time_line("0:00"), None);
        assert_eq!(time_line("00:39"), Some((civil::time(0, 39, 0, 0), None)));
    }

    #[test]
    fn reads_a_year_run_into_its_time() {
        assert_eq!(
            at("June 7, 20248:45 AM GMTUpdated 5 hours ago"),
            "2024-06-07T08:45:00Z"
        );
        assert_eq!(at("June 7, 202418:45 GMT"), "2024-06-07T18:45:00Z");
        assert_eq!(
            unglue("June 7, 20248:45 AM GMTUpdated"),
            "June 7, 2024 8:45 AM GMT Updated"
        );
        assert_eq!(unglue("3h ago09.10 BST"), "3h ago 09.10 BST");
        // Nothing to undo: no valid time after the year, or a number run.
        for t in [
            "Population 202378:15",
            "code 1.20235:14",
            "Tallinn, Estonia",
            "CNNMoney",
        ] {
            assert_eq!(unglue(t), t);
        }
    }

    #[test]
    fn reads_zones_of_many_regions() {
        for (line, want) in [
            ("9 Feb 2024 18:20 CET", "+01:00"),
            ("9 Jul 2024 18:20 CEST", "+02:00"),
            ("09.02.2024 18:20 Uhr MEZ", "+01:00"),
            ("09.07.2024 18:20 MESZ", "+02:00"),
            ("9 July 2024 18:20 BST", "+01:00"),
            ("9 July 2024 18:20 IST", "+05:30"),
            ("9 Feb 2024 18:20 AEDT", "+11:00"),
            ("9 July 2024 18:20 AEST", "+10:00"),
            ("July 9, 2024 6:20 PM EDT", "-04:00"),
            ("Feb 9, 2024 6:20 PM EST", "-05:00"),
            ("9 Feb 2024 18:20 GMT", "Z"),
            ("9 Feb 2024 18:20 UTC+1", "+01:00"),
            ("Tuesday 9 July 2024 18:20, UK", "+01:00"),
        ] {
            assert!(at(line).ends_with(want), "{line}: {}", at(line));
        }
    }

    #[test]
    fn update_labels_of_seven_languages_mark_updated_lines() {
        for line in [
            "Updated 9 Feb 2024",
            "Last updated: 9 Feb 2024 18:20 GMT",
            "Aktualisiert am 09.02.2024, 18:20 Uhr",
            "Zuletzt aktualisiert: 09.02.2024",
            "Stand: 09.02.2024 18:20 Uhr",
            "Mis à jour le 9 février 2024 à 18h20",
            "Dernière mise à jour : 9 févr. 2024",
            "Actualizado: 09/02/2024 - 18:20 CET",
            "Última actualización: 9 feb 2024",
            "Aggiornato il 9 febbraio 2024 alle 18:20",
            "Atualizado em 9 de fevereiro de 2024, 18:20",
            "Bijgewerkt op 09-02-2024, 18:20",
            "Aangepast op 09-02-2024 om 18:20",
            "Updated at 18.20 GMT",
            "Updated 5m ago",
        ] {
            assert!(is_updated_line(line), "{line}");
        }
        for line in [
            "Published 9 Feb 2024",
            "Veröffentlicht am 09.02.2024",
            "Publicado el 9 de febrero de 2024",
            "9 Feb 2024 Updated 10 Feb 2024",
            "Updated guidance for drivers",
        ] {
            assert!(!is_updated_line(line), "{line}");
        }
    }

    #[test]
    fn a_label_of_update_after_the_date_splits_published_from_updated() {
        let line = "Pubblicato il 9 febbraio 2024 (modifica il 10 febbraio 2024 | 08:40)";
        assert_eq!(at(line), "2024-02-09");
        assert_eq!(updated(line), "2024-02-10T08:40:00Z");
        let line = "Publié le 9 février 2024 à 18h20, modifié le 10 février 2024 à 07h05";
        assert_eq!(at(line), "2024-02-09T18:20:00Z");
        assert_eq!(updated(line), "2024-02-10T07:05:00Z");
        let line = "Feb 9, 2024 Updated Feb 10, 2024";
        assert_eq!(at(line), "2024-02-09");
        assert_eq!(updated(line), "2024-02-10");
        // A time alone after the label: the first date's day.
        let line = "Publié le 9 février 2024 à 18h20, mis à jour à 19h05";
        assert_eq!(updated(line), "2024-02-09T19:05:00Z");
        // A line opening with the label is all update.
        assert_eq!(
            updated("Updated 18:20 GMT, 9 Feb 2024"),
            "2024-02-09T18:20:00Z"
        );
        // No label, or only a relative one: no update stamp.
        assert_eq!(updated("9 Feb 2024 18:20 GMT"), "");
        assert_eq!(updated("June 7, 20248:45 AM GMTUpdated 5 hours ago"), "");
    }

    #[test]
    fn a_dateline_may_open_a_stamp_line() {
        assert_eq!(
            at("Lisboa - 09 fev 2024 - 18:20 WET"),
            "2024-02-09T18:20:00Z"
        );
        assert_eq!(at("PORT ELLEN, 9 March 2024"), "2024-03-09");
        assert_eq!(at("the council met - 9 March 2024"), "");
        assert_eq!(at("One Two Three Four Five - 9 March 2024"), "");
    }

    #[test]
    fn relative_stamps_are_stamps_without_a_date() {
        for (line, minutes) in [
            ("2h ago", 120),
            ("3 min ago", 3),
            ("1 hr ago", 60),
            ("Updated 5m ago", 5),
            ("an hour ago", 60),
            ("vor 2 Stunden", 120),
            ("il y a 5 minutes", 5),
            ("hace 2 horas", 120),
            ("2 ore fa", 120),
            ("há 3 horas", 180),
            ("2 uur geleden", 120),
            ("3 days ago", 3 * 24 * 60),
        ] {
            let r = relative_line(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(r.minutes_ago, Some(minutes), "{line}");
            assert_eq!(stamp_line(line), None, "{line}");
            assert_eq!(time_line(line), None, "{line}");
            assert_eq!(scan(line).date, None, "{line}");
        }
        let r = relative_line("Gestern, 08:30").unwrap();
        assert_eq!(r.days_ago, Some(1));
        assert_eq!(r.time, Some((civil::time(8, 30, 0, 0), None)));
        assert_eq!(relative_line("Hoy 14:05").unwrap().days_ago, Some(0));
        // A relative stamp run into a clock time: both read.
        let r = relative_line("3h ago09.10 BST").unwrap();
        assert_eq!(r.minutes_ago, Some(180));
        assert_eq!(r.time, Some((civil::time(9, 10, 0, 0), Some("BST".into()))));
        assert_eq!(
            time_line("3h ago09.10 BST"),
            Some((civil::time(9, 10, 0, 0), Some("BST".into())))
        );
        // Not relative stamps.
        for t in [
            "Today",
            "2h",
            "We met 2 hours ago in the lobby.",
            "3 hours",
            "9 Feb 2024, 2h ago",
            "Ten years ago",
        ] {
            assert_eq!(relative_line(t), None, "{t}");
        }
    }

    #[test]
    fn numbers_that_are_not_dates_or_times() {
        for t in [
            "(847) 555-0143",
            "Phone: 541-555-0188",
            "Tel. 030 12-34-5678",
            "+49 30 1234 5678",
            "3-1",
            "Rovers won 3-1 on Saturday",
            "2:1",
            "2.4.1",
            "Version 10.2.15 released",
            "17.42",
            "Price: 17.42 USD",
            "€17.42",
            "in 2023",
            "The bridge was finished in 2023.",
            "10.10.10.10",
            "1.2.3.2023",
            "Page 3 of 12",
        ] {
            assert_eq!(stamp_line(t), None, "{t}");
            assert_eq!(time_line(t), None, "{t}");
            assert_eq!(relative_line(t), None, "{t}");
            let s = scan(t);
            assert_eq!((s.date, s.month_day), (None, None), "{t}");
            assert!(!is_updated_line(t), "{t}");
        }
        assert_eq!(scan("Price: 17.42 USD").time, None);
        assert_eq!(scan("Rovers won 3-1 on Saturday").time, None);
    }

    #[test]
    fn offsets_past_accented_months_stay_right() {
        // "März" is one byte longer than its letters: the time and the
        // words after it must still be found where they are.
        assert_eq!(at("4. März 2024 17:42 Uhr"), "2024-03-04T17:42:00Z");
        assert_eq!(at("4 août 2024 à 17h42"), "2024-08-04T17:42:00Z");
    }

    #[test]
    fn weekday_abbreviations_of_other_languages_are_filler() {
        assert_eq!(at("mié., 9 ene 2024 18:20"), "2024-01-09T18:20:00Z");
        assert_eq!(at("sáb, 09/03/2024 - 07:45"), "2024-03-09T07:45:00Z");
        assert_eq!(at("Di., 09.01.2024, 18:20 Uhr"), "2024-01-09T18:20:00Z");
        assert_eq!(at("gio 9 gen 2024"), "2024-01-09");
    }

    proptest::proptest! {
        #[test]
        fn no_input_makes_the_readers_panic(
            parts in proptest::collection::vec(
                proptest::sample::select(&[
                    "2023", "20235", "202318", "4", "04", "13", "0", "00", ":", ".", "/", "-", ",",
                    " ", "  ", "h", "Uhr", "PM", "a.m.", "GMT", "GMTUpdated", "UTC+1", "EDT",
                    "CET", "ET", "UK", "ago", "ago14", "2h", "min", "vor", "il y a", "hace",
                    "Updated", "Stand", "modifica", "mis à jour", "März", "janv.", "ene", "out",
                    "de", "Madrid", "Gestern", "aujourd'hui", "é", "ü", "\u{a0}", "٢", "３",
                    "(", ")", "|", "—", "·", "12.4K", "1º", "年", "月", "日", "時", "分",
                    "午後", "更新", "（", "）", "мск", "января", ". ", "április", "d'", "TSİ",
                    "Frissítve",
                ][..]),
                0..20,
            )
        ) {
            let t = parts.concat();
            let _ = scan(&t);
            let _ = stamp_line(&t);
            let _ = read_stamp_line(t.trim());
            let _ = updated_stamp(&t);
            let _ = time_line(&t);
            let _ = relative_line(&t);
            let _ = is_updated_line(&t);
            let _ = unglue(&t);
            if let Some(s) = stamp_line(&t) {
                let _ = s.entry_date(&TimeZone::UTC);
            }
        }
    }

    #[test]
    fn reads_seconds_and_numeric_offsets_after_a_time() {
        assert_eq!(at("3/3/2023 5:14:07 PM"), "2023-03-03T17:14:00Z");
        assert_eq!(
            at("Fri, 03 Mar 2023 17:14:05 +0100"),
            "2023-03-03T17:14:00+01:00"
        );
        assert_eq!(at("9 Feb 2024 18:20 -05:00"), "2024-02-09T18:20:00-05:00");
        // A range of times is no offset: the first time, in the site's zone.
        assert_eq!(at("9 Feb 2024 18:20-19:00"), "2024-02-09T18:20:00Z");
    }

    #[test]
    fn reads_month_names_of_languages_that_write_the_day_first() {
        for (line, want) in [
            ("3 февраля 2024, 18:20", "2024-02-03T18:20:00Z"),
            ("3 лютого 2024 р.", "2024-02-03"),
            ("3. února 2024 18:20", "2024-02-03T18:20:00Z"),
            ("3 października 2024", "2024-10-03"),
            ("3. marraskuuta 2024 klo 18.20", "2024-11-03T18:20:00Z"),
            ("3 Şubat 2024 Cumartesi", "2024-02-03"),
            ("3 Ekim 2024", "2024-10-03"),
            ("3 octombrie 2024, ora 18:20", "2024-10-03T18:20:00Z"),
            ("3 Οκτωβρίου 2024", "2024-10-03"),
            ("3 ΟΚΤΩΒΡΙΟΥ 2024", "2024-10-03"),
            ("Senin, 3 Maret 2024 18:20 WIB", "2024-03-03T18:20:00+07:00"),
            ("3 de març de 2024", "2024-03-03"),
            ("3 d'abril de 2024, 18:20", "2024-04-03T18:20:00Z"),
            ("3. desember 2024 kl. 18:20", "2024-12-03T18:20:00Z"),
            ("3 augusti 2024", "2024-08-03"),
        ] {
            assert_eq!(at(line), want, "{line}");
        }
        // A name of another script ends a word: "мая" is no month inside
        // a longer word.
        assert_eq!(scan("3 маяка").month_day, None);
        assert_eq!(scan("в пятницу, 3 мая").month_day, Some((5, 3)));
        // Turkish names that are also words need a year.
        assert_eq!(scan("3 aralık").month_day, None);
    }

    #[test]
    fn reads_hungarian_year_first_dates() {
        assert_eq!(at("2024. február 3. 18:20"), "2024-02-03T18:20:00Z");
        assert_eq!(
            at("Frissítve: 2024. febr. 3. 18:20"),
            "2024-02-03T18:20:00Z"
        );
        assert!(is_updated_line("Frissítve: 2024. febr. 3. 18:20"));
        // A year and a month alone are no day.
        assert_eq!(scan("2024. február").date, None);
    }

    #[test]
    fn reads_numeric_dates_with_a_space_after_each_dot() {
        assert_eq!(at("Publikováno 3. 2. 2024 18:20"), "2024-02-03T18:20:00Z");
        assert_eq!(
            updated("Aktualizováno 3. 2. 2024 19:05"),
            "2024-02-03T19:05:00Z"
        );
        // Separators must agree.
        assert_eq!(scan("3. 2/2024").date, None);
    }

    #[test]
    fn reads_chinese_japanese_and_korean_counters() {
        assert_eq!(at("2024年2月3日 18時20分"), "2024-02-03T18:20:00Z");
        assert_eq!(at("2024年2月3日(土) 午後6時20分"), "2024-02-03T18:20:00Z");
        assert_eq!(at("2024년 2월 3일 18:20"), "2024-02-03T18:20:00Z");
        // An update in brackets, its label closing them.
        let line = "2024年2月3日 18時20分（2月4日 9時05分更新）";
        assert_eq!(at(line), "2024-02-03T18:20:00Z");
        assert_eq!(updated(line), "2024-02-04T09:05:00Z");
        // A month counter alone is no date.
        assert_eq!(scan("2月の売上").date, None);
    }

    #[test]
    fn update_labels_of_more_languages_mark_updated_lines() {
        for line in [
            "Обновлено 3 февраля 2024, 18:20 мск",
            "Оновлено о 18:20",
            "Aktualizováno 3. 2. 2024 18:20",
            "Päivitetty 03.02.2024 18:20",
            "Güncelleme: 03.02.2024 18:20",
            "Son güncelleme: 03.02.2024 18:20",
            "Actualizat: 2024-02-03 18:20",
            "Τελευταία ενημέρωση: 03.02.2024 • 18:20",
            "Diperbarui 3 Februari 2024, 18:20 WIB",
            "Oppdatert 03.02.2024 18:20",
            "Actualitzat 03/02/2024 - 18:20",
            "Actualizado al 03/02/2024 18:20",
        ] {
            assert!(is_updated_line(line), "{line}");
        }
        for line in [
            "Опубликовано 3 февраля 2024",
            "Julkaistu 03.02.2024 18:20",
            "Publisert 03.02.2024 18:20",
        ] {
            assert!(!is_updated_line(line), "{line}");
            assert!(stamp_line(line).is_some(), "{line}");
        }
        // After the first date, the label splits published from updated.
        let line = "03.02.2024 18:20 | Güncelleme: 04.02.2024 09:05";
        assert_eq!(at(line), "2024-02-03T18:20:00Z");
        assert_eq!(updated(line), "2024-02-04T09:05:00Z");
    }

    #[test]
    fn reads_zones_in_their_own_letters() {
        assert_eq!(at("3 февраля 2024, 18:20 мск"), "2024-02-03T18:20:00+03:00");
        assert_eq!(at("03.02.2024 18:20 TSİ"), "2024-02-03T18:20:00+03:00");
        assert_eq!(at("3 Maret 2024 18:20 WITA"), "2024-03-03T18:20:00+08:00");
    }

    #[test]
    fn a_line_of_a_dotted_time_is_a_post_time() {
        assert_eq!(dotted_time_line(" 14.25 "), Some(civil::time(14, 25, 0, 0)));
        assert_eq!(dotted_time_line("09.30"), Some(civil::time(9, 30, 0, 0)));
        // Finnish writes the hour without a leading zero.
        assert_eq!(dotted_time_line("9.30"), Some(civil::time(9, 30, 0, 0)));
        for t in [
            "24.10", "14.60", "4.2", "14.255", "14:25", "1a.25", "€14.25", "114.25",
        ] {
            assert_eq!(dotted_time_line(t), None, "{t}");
        }
        // Alone it is no time line: a price reads the same.
        assert_eq!(time_line("14.25"), None);
    }

    #[test]
    fn a_publication_label_opens_a_published_stamp() {
        let day = |t: &str| published_stamp(t).and_then(|s| s.date);
        assert_eq!(
            day("Published 4th March 2025 | 10:41 am"),
            Some(civil::date(2025, 3, 4))
        );
        assert_eq!(
            day("First published on 4 March 2025"),
            Some(civil::date(2025, 3, 4))
        );
        assert_eq!(
            day("Julkaistu 04.03.2025 8:12"),
            Some(civil::date(2025, 3, 4))
        );
        // No label, another label, or no date.
        assert_eq!(day("4 March 2025"), None);
        assert_eq!(day("Updated 4 March 2025"), None);
        assert_eq!(day("Published"), None);
    }
}
