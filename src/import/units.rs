//! Responsible units proposed from a resolution's text, for imported minutes that
//! name none: units of the directory the text mentions, the subject of «… نسبت به
//! … اقدام نماید» / «… موظف است», and who «توسط …» or «با همکاری …» names. The
//! import marks them as inferred until the secretary confirms them.

use crate::text::normalize::normalize;

fn key(s: &str) -> String {
    normalize(s).text
}

/// Where a sentence's subject ends.
const SUBJECT_ENDS: &[&str] = &[
    " نسبت به ",
    " موظف ",
    " موظفند",
    " مکلف ",
    " مکلفند",
    " اقدام نماید",
    " اقدام نمایند",
    " اقدام کند",
    " اقدام کنند",
];
/// Words a «توسط …» or «با همکاری …» phrase stops before.
const PHRASE_ENDS: &[&str] = &[
    "تهیه",
    "انجام",
    "اجرا",
    "برگزار",
    "تکمیل",
    "ارائه",
    "ارسال",
    "پیگیری",
    "و",
    "در",
    "تا",
    "به",
    "از",
    "برای",
    "گردد",
    "شود",
    "نماید",
    "نمایند",
    "اقدام",
];

fn plural(word: &str) -> bool {
    let w = word.trim_end_matches('،');
    w.ends_with("ان") || w.ends_with("ها") || w.ends_with("های")
}

/// The subject before «نسبت به» / «موظف» / «اقدام نماید», split when it lists
/// plural bodies («فرمانداران، مدیران کل و بخشداران محترم»).
fn subject(text: &str) -> Vec<String> {
    let first = text.split(['.', '\n']).next().unwrap_or(text);
    let Some(end) = SUBJECT_ENDS.iter().filter_map(|m| first.find(m)).min() else {
        return Vec::new();
    };
    let s = first[..end].trim();
    let s = s.strip_suffix("محترم").unwrap_or(s).trim();
    let words = s.split_whitespace().count();
    if s.is_empty() || words > 8 || s.starts_with(|c: char| c.is_numeric()) {
        return Vec::new();
    }
    let parts: Vec<&str> = s
        .split('،')
        .flat_map(|p| p.split(" و "))
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    let listed = parts.len() > 1
        && parts
            .iter()
            .all(|p| p.split_whitespace().next().is_some_and(plural));
    if listed {
        parts.into_iter().map(str::to_owned).collect()
    } else {
        vec![s.to_owned()]
    }
}

/// Who «توسط …» and «با همکاری …» name (up to four words).
fn agents(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let start = if *w == "توسط" {
            i + 1
        } else if *w == "با" && words.get(i + 1) == Some(&"همکاری") {
            i + 2
        } else {
            continue;
        };
        let phrase: Vec<&str> = words[start.min(words.len())..]
            .iter()
            .take_while(|w| !PHRASE_ENDS.contains(&w.trim_end_matches(['.', '،'])))
            .take(4)
            .map(|w| w.trim_end_matches(['.', '،']))
            .collect();
        if !phrase.is_empty() {
            out.push(phrase.join(" "));
        }
    }
    out
}

/// Units proposed for a resolution: the directory's units the text names (in
/// the order they appear), then the sentence's subject and agents not already
/// among them. `known`: the directory's unit names.
pub fn infer(text: &str, known: &[String]) -> Vec<String> {
    let t = key(text);
    let mut named: Vec<(usize, &String)> = known
        .iter()
        .filter(|u| key(u).chars().count() >= 4)
        .filter_map(|u| t.find(&key(u)).map(|at| (at, u)))
        .collect();
    // A unit inside a longer one found at the same place is the longer one.
    named.sort_by_key(|(at, u)| (*at, std::cmp::Reverse(key(u).len())));
    let mut out: Vec<String> = Vec::new();
    for (_, u) in named {
        if !out.iter().any(|o| key(o).contains(&key(u))) {
            out.push(u.clone());
        }
    }
    for s in subject(text).into_iter().chain(agents(text)) {
        let k = key(&s);
        if !out
            .iter()
            .any(|o| key(o).contains(&k) || k.contains(&key(o)))
        {
            out.push(s);
        }
    }
    out.truncate(5);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn owned(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn units_from_a_resolutions_text() {
        let known = owned(&["اداره راهداری", "شرکت مخابرات شهرستان", "فرمانداری"]);
        for (text, want) in [
            (
                "فرمانداران، مدیران کل و بخشداران محترم نسبت به تهیه گزارش اقدام نمایند.",
                vec!["فرمانداران", "مدیران کل", "بخشداران"],
            ),
            (
                "اداره راهداری موظف است تا پایان ماه راه‌ها را بازگشایی کند.",
                vec!["اداره راهداری"],
            ),
            (
                "اداره تعاون، کار و رفاه اجتماعی نسبت به برگزاری دوره اقدام نماید.",
                vec!["اداره تعاون، کار و رفاه اجتماعی"],
            ),
            (
                "فهرست خدمات توسط واحدها تهیه و به دبیرخانه ارسال شود.",
                vec!["واحدها"],
            ),
            (
                "استقرار سامانه با همکاری شرکت مخابرات شهرستان تکمیل گردد.",
                vec!["شرکت مخابرات شهرستان"],
            ),
            ("گزارش عملکرد در جلسه بعد ارائه شود.", vec![]),
        ] {
            assert_eq!(infer(text, &known), owned(&want), "{text}");
        }
    }
}
