//! Property test: after any sequence of creates, updates and deletes, every index
//! entry is exactly what the live meetings call for: nothing stale, nothing
//! missing, every open resolution indexed by deadline once.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::*;
use dabir::model::{Meeting, Status};
use dabir::store::Store;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Create {
        body: usize,
        day: i64,
        resolutions: Vec<Res>,
    },
    /// Edit the n-th live meeting (modulo their count).
    Update {
        which: usize,
        edit: Edit,
    },
    Delete {
        which: usize,
    },
}

#[derive(Debug, Clone)]
struct Res {
    deadline: Option<i64>,
    status: usize,
    units: Vec<usize>,
    executor: Option<usize>,
}

#[derive(Debug, Clone)]
enum Edit {
    Deadline { res: usize, day: Option<i64> },
    Status { res: usize, status: usize },
    Remove { res: usize },
    Add(Res),
    Units { res: usize, units: Vec<usize> },
    Date { day: i64 },
    Body { body: usize },
}

fn res() -> impl Strategy<Value = Res> {
    (
        proptest::option::of(0i64..60),
        0usize..4,
        proptest::collection::vec(0usize..4, 0..3),
        proptest::option::of(0usize..4),
    )
        .prop_map(|(deadline, status, units, executor)| Res {
            deadline,
            status,
            units,
            executor,
        })
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0usize..8, proptest::option::of(0i64..60))
            .prop_map(|(res, day)| Edit::Deadline { res, day }),
        (0usize..8, 0usize..4).prop_map(|(res, status)| Edit::Status { res, status }),
        (0usize..8).prop_map(|res| Edit::Remove { res }),
        res().prop_map(Edit::Add),
        (0usize..8, proptest::collection::vec(0usize..4, 0..3))
            .prop_map(|(res, units)| Edit::Units { res, units }),
        (0i64..60).prop_map(|day| Edit::Date { day }),
        (0usize..2).prop_map(|body| Edit::Body { body }),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0usize..2, 0i64..60, proptest::collection::vec(res(), 0..6))
            .prop_map(|(body, day, resolutions)| Op::Create { body, day, resolutions }),
        4 => (0usize..16, edit()).prop_map(|(which, edit)| Op::Update { which, edit }),
        1 => (0usize..16).prop_map(|which| Op::Delete { which }),
    ]
}

fn day(n: i64) -> chrono::NaiveDate {
    date(2024, 1, 1) + chrono::Days::new(n as u64)
}

fn apply_res(m: &mut Meeting, r: &Res, units: &[u64]) {
    let x = m.add_resolution("مصوبه آزمایشی").unwrap();
    x.approved_deadline = r.deadline.map(day);
    x.status = Status::ALL[r.status];
    x.responsible = r.units.iter().map(|&u| units[u]).collect();
    x.executor = r.executor.map(|u| units[u]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn indexes_always_match_live_records(ops in proptest::collection::vec(op(), 1..30)) {
        let (_dir, path) = temp_db();
        let store = Store::open(&path).unwrap();
        let (body, units) = clean_body_and_units(&store);
        let mut other = body.clone();
        other.id = 0;
        other.name = "ستاد تنظیم بازار".into();
        store.save_body(&mut other).unwrap();
        let bodies = [body.id, other.id];
        let unit_ids: Vec<u64> = units.iter().map(|u| u.id).take(4).collect();
        let mut live: BTreeMap<u64, Meeting> = BTreeMap::new();

        for op in ops {
            match op {
                Op::Create { body, day: d, resolutions } => {
                    let mut m = Meeting::new(0, bodies[body], 0, day(d), instant());
                    for r in &resolutions {
                        apply_res(&mut m, r, &unit_ids);
                    }
                    store.put_meeting(&mut m).unwrap();
                    live.insert(m.id, m);
                }
                Op::Update { which, edit } => {
                    if live.is_empty() { continue; }
                    let id = *live.keys().nth(which % live.len()).unwrap();
                    let mut m = live[&id].clone();
                    let n = m.resolutions.len();
                    match edit {
                        Edit::Deadline { res, day: d } if n > 0 => m.resolutions[res % n].approved_deadline = d.map(day),
                        Edit::Status { res, status } if n > 0 => m.resolutions[res % n].status = Status::ALL[status],
                        Edit::Remove { res } if n > 0 => { m.remove_resolution(res % n).unwrap(); }
                        Edit::Units { res, units } if n > 0 => {
                            m.resolutions[res % n].responsible = units.iter().map(|&u| unit_ids[u]).collect();
                        }
                        Edit::Add(r) => apply_res(&mut m, &r, &unit_ids),
                        Edit::Date { day: d } => m.date = day(d),
                        Edit::Body { body } => m.body = bodies[body],
                        _ => {}
                    }
                    store.put_meeting(&mut m).unwrap();
                    live.insert(id, m);
                }
                Op::Delete { which } => {
                    if live.is_empty() { continue; }
                    let id = *live.keys().nth(which % live.len()).unwrap();
                    prop_assert!(store.delete_meeting(id).unwrap());
                    live.remove(&id);
                }
            }
        }

        let actual: BTreeSet<_> = store.index_entries().unwrap().into_iter().collect();
        let expected: BTreeSet<_> = live.values().flat_map(Store::expected_index_entries).collect();
        prop_assert_eq!(&actual, &expected);
        prop_assert_eq!(store.index_entries().unwrap().len(), actual.len(), "no duplicates");

        // Every open resolution once in the deadline order, and nothing else there.
        let mut open: Vec<(u64, u32)> = store
            .open_resolution_refs(None, usize::MAX)
            .unwrap()
            .into_iter()
            .map(|(_, r)| (r.meeting, r.key))
            .collect();
        let mut want: Vec<(u64, u32)> = live
            .values()
            .flat_map(|m| m.resolutions.iter().filter(|r| r.is_open()).map(move |r| (m.id, r.key)))
            .collect();
        open.sort();
        want.sort();
        prop_assert_eq!(open, want);
        for (id, m) in &live {
            let stored = store.meeting(*id).unwrap();
            prop_assert_eq!(stored.as_ref(), Some(m));
        }
    }
}
