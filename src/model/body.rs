use serde::{Deserialize, Serialize};

use super::Id;

/// What kind of body a meeting belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BodyKind {
    /// کارگروه
    WorkingGroup,
    /// ستاد
    Headquarters,
    /// شورا
    Council,
    /// میز تخصصی
    Desk,
    /// anything else (کمیته، کمیسیون…)
    Other,
}

impl BodyKind {
    pub const ALL: [BodyKind; 5] = [
        BodyKind::WorkingGroup,
        BodyKind::Headquarters,
        BodyKind::Council,
        BodyKind::Desk,
        BodyKind::Other,
    ];

    /// The Persian word for the kind, as it begins a body's name.
    pub fn persian(self) -> &'static str {
        match self {
            BodyKind::WorkingGroup => "کارگروه",
            BodyKind::Headquarters => "ستاد",
            BodyKind::Council => "شورا",
            BodyKind::Desk => "میز تخصصی",
            BodyKind::Other => "سایر",
        }
    }

    /// Guesses the kind from a body's name («کارگروه …», «ستاد …», «شورای …»).
    pub fn from_name(name: &str) -> BodyKind {
        let name = name.trim();
        Self::ALL
            .into_iter()
            .find(|k| *k != BodyKind::Other && name.starts_with(k.persian()))
            .unwrap_or(BodyKind::Other)
    }
}

/// A person as they appear in minutes: name, post and organisation.
///
/// Stored as a record of its own (the directory used for completion and body
/// defaults) and copied by value into a meeting's attendance, because minutes record
/// a person's post as it was on the day of the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Person {
    pub name: String,
    pub post: String,
    pub organisation: String,
}

impl Person {
    pub fn new(name: impl Into<String>, post: impl Into<String>) -> Person {
        Person {
            name: name.into(),
            post: post.into(),
            organisation: String::new(),
        }
    }

    /// «جناب آقای رضا صالحی، معاون فرماندار»: the name with the post after a
    /// Persian comma, as minutes write it.
    pub fn display(&self) -> String {
        if self.post.is_empty() {
            self.name.clone()
        } else {
            format!("{}، {}", self.name, self.post)
        }
    }
}

/// A person in the directory: the source of completion and of bodies' default
/// members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRecord {
    pub id: Id,
    pub person: Person,
}

/// A body that meets: a working group, headquarters, council or desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    pub id: Id,
    pub name: String,
    pub kind: BodyKind,
    /// Default members, by person record id, in the order they are listed.
    pub members: Vec<Id>,
    pub chair: Option<Id>,
    pub secretary: Option<Id>,
    /// Default place of meetings.
    pub place: String,
}

impl Body {
    /// Person `from` becomes `into` among the members, chair and secretary
    /// (merging a person spelled two ways); true when anything changed.
    pub fn relink_person(&mut self, from: Id, into: Id) -> bool {
        let before = self.clone();
        let mut members = Vec::with_capacity(self.members.len());
        for p in self.members.drain(..) {
            let p = if p == from { into } else { p };
            if !members.contains(&p) {
                members.push(p);
            }
        }
        self.members = members;
        for slot in [&mut self.chair, &mut self.secretary] {
            if *slot == Some(from) {
                *slot = Some(into);
            }
        }
        *self != before
    }
}

/// A responsible body for resolutions: «اداره راهداری», «شرکت مخابرات شهرستان».
///
/// Resolutions refer to units by id, so two spellings of one unit can be merged
/// without losing any resolution's link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: Id,
    pub name: String,
    /// Whom letters to the unit are addressed to: «جناب آقای مهندس احمدی».
    #[serde(default)]
    pub addressee: String,
    /// The addressee's title as letters write it: «مدیر محترم اداره راهداری».
    #[serde(default)]
    pub title: String,
}

impl Unit {
    /// A unit with a name and no addressee yet.
    pub fn named(name: impl Into<String>) -> Unit {
        Unit {
            id: 0,
            name: name.into(),
            addressee: String::new(),
            title: String::new(),
        }
    }

    /// The lines a letter to the unit opens with: the addressee and title from
    /// the directory, else «ریاست محترم» and the unit's name.
    pub fn salutation(&self) -> Vec<String> {
        let mut lines: Vec<String> = [&self.addressee, &self.title]
            .into_iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        if self.title.trim().is_empty() {
            lines.push(format!("ریاست محترم {}", self.name.trim()));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_is_guessed_from_the_name() {
        assert_eq!(
            BodyKind::from_name("کارگروه تحول اداری و توسعه مدیریت فرمانداری"),
            BodyKind::WorkingGroup
        );
        assert_eq!(
            BodyKind::from_name("شورای اداری بخشداری مرکزی"),
            BodyKind::Council
        );
        assert_eq!(BodyKind::from_name("ستاد دهه فجر"), BodyKind::Headquarters);
        assert_eq!(BodyKind::from_name("کمیته فنی"), BodyKind::Other);
    }

    #[test]
    fn person_display_joins_name_and_post_with_a_persian_comma() {
        let p = Person::new("جناب آقای رضا صالحی", "معاون فرماندار");
        assert_eq!(p.display(), "جناب آقای رضا صالحی، معاون فرماندار");
        assert_eq!(Person::new("خانم نوروزی", "").display(), "خانم نوروزی");
    }
}
