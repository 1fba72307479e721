//! Realistic Persian demo data: bodies, people, units and meetings with agenda,
//! discussion and resolutions. Deterministic for a given seed and anchor date, so
//! benchmarks and demos are repeatable.

mod words;

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};

use crate::calendar::Digits;
use crate::model::{
    AgendaItem, Attendee, Body, BodyKind, DiscussionEntry, FollowUp, Id, Meeting, MeetingState,
    NextMeeting, Person, PersonRecord, Presence, Status, Unit,
};
use crate::store::{Archive, Result, StoreError};

/// SplitMix64: tiny, fast and good enough for fake data; keeps `rand` out of the
/// dependency tree.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..hi` (hi exclusive, hi > lo).
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.range(0, 100) < percent
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    pub meetings: usize,
    pub seed: u64,
    /// Deadlines spread from two years before this day to a year after it.
    pub today: NaiveDate,
}

/// Tehran is UTC+03:30 all year (no daylight saving since 2022).
fn tehran_to_utc(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    (date.and_time(time) - chrono::Duration::minutes(210)).and_utc()
}

/// Fills a template's slots; numbers come in Persian digits, as typed minutes have
/// them (Latin runs such as «EIS نسخه 2.1» stay in the templates).
fn fill(template: &str, rng: &mut Rng, unit: &str, unit2: &str) -> String {
    let mut num = |lo, hi| Digits::Persian.apply(&rng.range(lo, hi).to_string());
    template
        .replace("{unit2}", unit2)
        .replace("{unit}", unit)
        .replace("{pct}", &num(10, 95))
        .replace("{n}", &num(5, 30))
        .replace("{m}", &num(2, 5))
}

/// Fills an empty database with demo data; calls `progress` after each meeting.
/// A folder is written without a flush per record (one at the end); a shared
/// archive commits each record.
pub fn generate(store: &dyn Archive, opts: DemoOptions, mut progress: impl FnMut()) -> Result<()> {
    if !store.is_empty()? {
        return Err(StoreError::Invalid(format!(
            "the database at {} already holds records; demo data goes only into an empty \
             database, so it never mixes with real minutes (use --db to choose another)",
            store.location()
        )));
    }
    let folder = store.folder();
    let mut rng = Rng(opts.seed ^ 0xDAB1_2024);

    let mut people = Vec::new();
    for (i, post) in words::POSTS.iter().enumerate() {
        let female = rng.chance(30);
        let (title, first) = if female {
            ("خانم", *rng.pick(words::FIRST_NAMES_F))
        } else {
            ("جناب آقای", *rng.pick(words::FIRST_NAMES_M))
        };
        let last = words::LAST_NAMES[i % words::LAST_NAMES.len()];
        let mut p = PersonRecord {
            id: 0,
            person: Person::new(format!("{title} {first} {last}"), *post),
        };
        match folder {
            Some(f) => f.put_person(&mut p)?,
            None => store.save_person(&mut p)?,
        }
        people.push(p);
    }

    let mut units = Vec::new();
    for name in words::UNITS {
        let mut u = Unit {
            id: 0,
            ..Unit::named(*name)
        };
        match folder {
            Some(f) => f.put_unit(&mut u)?,
            None => store.save_unit(&mut u)?,
        }
        units.push(u);
    }

    let mut bodies = Vec::new();
    for (name, place) in words::BODIES {
        // The governor or the deputy chairs; the rest are heads of offices.
        let chair = people[rng.range(0, 2) as usize].id;
        let n = rng.range(5, 9) as usize;
        let start = rng.range(2, people.len() as u64) as usize;
        let mut members = vec![chair];
        members.extend((0..n).map(|i| people[2 + (start - 2 + i) % (people.len() - 2)].id));
        let mut b = Body {
            id: 0,
            name: (*name).into(),
            kind: BodyKind::from_name(name),
            chair: Some(chair),
            secretary: members.get(1).copied(),
            members,
            place: (*place).into(),
        };
        match folder {
            Some(f) => f.put_body(&mut b)?,
            None => store.save_body(&mut b)?,
        }
        bodies.push(b);
    }
    let person = |id: Id| -> Person {
        people
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.person.clone())
            .unwrap_or_default()
    };

    // Meeting dates spread over the two years before `today`, oldest first, so that
    // session numbers rise with the date.
    let span = 730u64;
    let mut dates: Vec<NaiveDate> = (0..opts.meetings)
        .map(|_| opts.today - Days::new(rng.range(0, span)))
        .collect();
    dates.sort();
    let mut sessions = vec![0u32; bodies.len()];

    for date in dates {
        let bi = rng.range(0, bodies.len() as u64) as usize;
        let body = &bodies[bi];
        sessions[bi] += 1;
        let start = NaiveTime::from_hms_opt(
            rng.range(8, 11) as u32,
            [0, 30][rng.range(0, 2) as usize],
            0,
        )
        .expect("valid time");
        let created = tehran_to_utc(date, start);
        let mut m = Meeting::new(0, body.id, sessions[bi], date, created);
        m.start = Some(start);
        m.end = Some(start + chrono::Duration::minutes(rng.range(60, 180) as i64 / 30 * 30));
        m.place = body.place.clone();
        m.chair = body.chair.map(person);
        m.secretary = body.secretary.map(person);
        for &member in &body.members {
            let presence = if Some(member) != body.chair && rng.chance(12) {
                Presence::Absent
            } else {
                Presence::Present
            };
            m.attendees.push(Attendee {
                person: person(member),
                presence,
            });
        }
        if rng.chance(40) {
            m.attendees.push(Attendee {
                person: person(rng.pick(&people).id),
                presence: Presence::Guest,
            });
        }

        let agenda_len = rng.range(2, 5) as usize;
        m.agenda.push(AgendaItem {
            text: words::AGENDA[0].into(),
        });
        for _ in 1..agenda_len {
            let t = *rng.pick(&words::AGENDA[1..]);
            let text = fill(t, &mut rng, "", "");
            m.agenda.push(AgendaItem { text });
        }

        let speakers: Vec<String> = m.present().map(|a| a.person.display()).collect();
        let entries = rng.range(3, 7);
        for i in 0..entries {
            let speaker = speakers.get(rng.range(0, speakers.len().max(1) as u64) as usize);
            let t = *rng.pick(words::SAYINGS);
            m.discussion.push(DiscussionEntry {
                speaker: speaker.cloned().unwrap_or_default(),
                agenda_item: Some((i % agenda_len as u64) as u32 + 1),
                text: fill(t, &mut rng, "", ""),
                typed_at: created + chrono::Duration::minutes(5 + 12 * i as i64),
            });
        }

        let count = rng.range(8, 13);
        for _ in 0..count {
            let u1 = rng.pick(&units).clone();
            let u2 = rng.pick(&units).clone();
            let t = *rng.pick(words::RESOLUTIONS);
            let text = fill(t, &mut rng, &u1.name, &u2.name);
            let deadline = if rng.chance(95) {
                // From two years ago to a year ahead of today, and after the meeting.
                let after = rng.range(7, 400);
                Some(date + Days::new(after))
            } else {
                None
            };
            let with_second = rng.chance(25) && u2.id != u1.id;
            let executor = if rng.chance(10) {
                Some(rng.pick(&units).id)
            } else {
                None
            };
            let r = m.add_resolution(text).expect("a new meeting is a draft");
            r.responsible.push(u1.id);
            if with_second {
                r.responsible.push(u2.id);
            }
            r.executor = executor;
            r.approved_deadline = deadline;

            // A third done, a few cancelled, some in progress; older ones more likely
            // closed, with follow-ups recording how.
            let roll = rng.range(0, 100);
            let status = match roll {
                0..=33 => Status::Done,
                34..=37 => Status::Cancelled,
                38..=60 => Status::InProgress,
                _ => Status::Open,
            };
            if status != Status::Open {
                let follow_ups = rng.range(1, 4);
                let mut extended = false;
                for k in 0..follow_ups {
                    let last = k + 1 == follow_ups;
                    let fu_date = date + Days::new(3 + k * rng.range(5, 30));
                    let fu_date = fu_date.min(opts.today);
                    let extend = !last && rng.chance(20);
                    // The note says what the follow-up records (one draw either
                    // way, so each seed keeps its data).
                    let progress = *rng.pick(words::FOLLOW_UPS);
                    let t = match (last, status) {
                        (true, Status::Done) => words::FOLLOW_UP_DONE,
                        (true, Status::Cancelled) => words::FOLLOW_UP_CANCELLED,
                        _ if extend => words::FOLLOW_UP_EXTENDED,
                        _ => progress,
                    };
                    r.add_follow_up(FollowUp {
                        date: fu_date,
                        note: fill(t, &mut rng, "", ""),
                        // An extension names no status: it leaves the
                        // resolution «تمدید شده», and a later report of
                        // progress alone keeps it so.
                        status: if last && !(extended && status == Status::InProgress) {
                            Some(status)
                        } else if extend || last {
                            None
                        } else {
                            Some(Status::InProgress)
                        },
                        deadline: if extend {
                            r.deadline().map(|d| d + Days::new(30))
                        } else {
                            None
                        },
                        requested_by: if extend {
                            u1.name.clone()
                        } else {
                            String::new()
                        },
                    });
                    extended |= extend;
                }
            }
        }
        if rng.chance(60) {
            m.next_meeting = Some(NextMeeting {
                date: date + Days::new(14),
                time: Some(start),
            });
        }
        if date + Days::new(2) < opts.today {
            m.finalise(created + chrono::Duration::hours(4), "دبیرخانه");
        }
        m.updated = m.history.last().map_or(created, |h| h.at);
        debug_assert!(m.state == MeetingState::Final || date + Days::new(2) >= opts.today);
        match folder {
            Some(f) => f.put_meeting(&mut m)?,
            None => store.save_meeting(&mut m)?,
        }
        progress();
    }
    store.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rng_is_deterministic_and_in_range() {
        let mut a = Rng(42);
        let mut b = Rng(42);
        for _ in 0..1000 {
            let x = a.range(3, 9);
            assert_eq!(x, b.range(3, 9));
            assert!((3..9).contains(&x));
        }
    }
}
