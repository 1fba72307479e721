//! The review screen: every open resolution across all meetings, by deadline,
//! overdue first. Rows come from the index's summaries (no meeting decoded), the
//! first screenful at once and the rest in chunks on the following ticks.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Row, Table, TableState};

use crate::calendar::{Digits, JalaliDate, WorkWeek};
use crate::lang::Lang;
use crate::model::{Id, Status};
use crate::store::{Archive, ResolutionRef, Result};
use crate::text::RenderMode;
use crate::text::layout::fit_right;
use crate::text::normalize::normalize;
use crate::ui::action::Action;
use crate::ui::app::Dialog;
use crate::ui::effect::{Cx, Effect, Focus};
use crate::ui::widgets::editor::TextField;
use crate::ui::widgets::form::Form;
use crate::ui::widgets::hints::Hint;
use crate::ui::widgets::right_title;

/// The status line's hints.
pub const HINTS: &[Hint] = &[
    Hint(Some(Action::FollowUp), "پیگیری", "follow-up"),
    Hint(Some(Action::Mark), "نشان", "mark"),
    Hint(Some(Action::CycleRange), "بازه مهلت", "range"),
    Hint(Some(Action::CycleStatus), "وضعیت", "status"),
    Hint(Some(Action::Search), "جست‌وجو", "search"),
    Hint(Some(Action::GroupByUnit), "گروه", "group"),
    Hint(Some(Action::Open), "باز کردن", "open"),
    Hint(Some(Action::Close), "بازگشت", "back"),
];

/// One open resolution as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingRow {
    pub at: ResolutionRef,
    /// The current deadline (the latest extension's, else the approved one).
    pub deadline: Option<NaiveDate>,
    /// The deadline the minutes approved.
    pub approved: Option<NaiveDate>,
    pub extensions: u32,
    pub body: String,
    pub session: u32,
    pub number: u32,
    pub text: String,
    pub units: Vec<String>,
    pub status: Status,
    /// Text, body and units normalised once, for the search filter.
    search: String,
}

/// Deadline ranges, cycled with f.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    All,
    Overdue,
    ThisWeek,
    Next30,
}

impl Range {
    fn next(self) -> Range {
        match self {
            Range::All => Range::Overdue,
            Range::Overdue => Range::ThisWeek,
            Range::ThisWeek => Range::Next30,
            Range::Next30 => Range::All,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Range::All => "همه / all",
            Range::Overdue => "معوق / overdue",
            Range::ThisWeek => "این هفته / this week",
            Range::Next30 => "۳۰ روز آینده / next 30 days",
        }
    }

    fn keeps(self, days: Option<i64>) -> bool {
        match (self, days) {
            (Range::All, _) => true,
            (_, None) => false,
            (Range::Overdue, Some(d)) => d < 0,
            (Range::ThisWeek, Some(d)) => d <= 7,
            (Range::Next30, Some(d)) => d <= 30,
        }
    }
}

const CHUNK: usize = 4_000;

/// The list's columns, right to left; the resolution's text takes what is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Days,
    Deadline,
    Status,
    Body,
    Ref,
    Units,
    Text,
}

impl Column {
    const SHOWN: [Column; 6] = [
        Column::Days,
        Column::Deadline,
        Column::Status,
        Column::Body,
        Column::Ref,
        Column::Units,
    ];
    /// On a narrow terminal these go first, in this order, so that the text
    /// keeps at least [`Column::MIN_TEXT`] cells (its Persian start is what
    /// tells one resolution from another).
    const DROPPED_FIRST: [Column; 5] = [
        Column::Body,
        Column::Units,
        Column::Status,
        Column::Days,
        Column::Ref,
    ];
    const MIN_TEXT: u16 = 20;

    fn width(self) -> u16 {
        match self {
            Column::Days => 6,
            Column::Deadline => 11,
            Column::Status => 15,
            Column::Body => 22,
            Column::Ref => 18,
            Column::Units => 24,
            Column::Text => 0,
        }
    }

    fn heading(self) -> &'static str {
        match self {
            Column::Days => "مانده / days",
            Column::Deadline => "مهلت / deadline",
            Column::Status => "وضعیت / status",
            Column::Body => "کارگروه / body",
            Column::Ref => "جلسه / مصوبه / ref",
            Column::Units => "مسئول / responsible",
            Column::Text => "شرح مصوبه / resolution",
        }
    }

    /// The columns beside the text that fit `width` (borders included).
    fn fitting(width: u16) -> Vec<Column> {
        let mut shown = Column::SHOWN.to_vec();
        let used = |s: &[Column]| 2 + s.iter().map(|c| c.width() + 1).sum::<u16>();
        for drop in Column::DROPPED_FIRST {
            if used(&shown) + Column::MIN_TEXT <= width {
                break;
            }
            shown.retain(|&c| c != drop);
        }
        shown
    }
}

pub struct PendingScreen {
    pub rows: Vec<PendingRow>,
    /// Still loading: the last entry loaded.
    cursor: Option<(Option<NaiveDate>, ResolutionRef)>,
    pub loaded: bool,
    pub visible: Vec<usize>,
    pub selected: usize,
    /// Rows marked for a shared follow-up (space).
    pub marked: BTreeSet<ResolutionRef>,
    pub range: Range,
    /// None: open and in progress; Some: only that status.
    pub status: Option<Status>,
    pub query: Option<TextField>,
    /// Only this body's rows (b cycles).
    pub body_filter: Option<String>,
    /// Only rows this unit is responsible for (u cycles).
    pub unit_filter: Option<String>,
    pub group_by_unit: bool,
    pub today: NaiveDate,
    bodies: HashMap<Id, String>,
    units: HashMap<Id, String>,
    digits: Digits,
    /// Follow-up history of the selected row, for the detail pane.
    pub detail: Vec<String>,
    /// The register's letters on each resolution («نامه ۱۴۰۳/د/۱۲ مورخ …»).
    letters: HashMap<crate::model::ResolutionKey, Vec<String>>,
}

/// «نامه ۱۴۰۳/د/۱۲ مورخ ۱۴۰۳/۰۹/۱۰ (نامه پیگیری)» for each letter of the
/// register, by the resolutions it covered.
fn letter_lines(store: &dyn Archive) -> Result<HashMap<crate::model::ResolutionKey, Vec<String>>> {
    let register = store.letters()?;
    Ok(crate::export::letter::letters_by_resolution(&register)
        .into_iter()
        .map(|(k, ls)| {
            let lines = ls
                .iter()
                .map(|l| format!("{} ({})", l.reference(), l.kind.persian()))
                .collect();
            (k, lines)
        })
        .collect())
}

/// The name after `current` in `names` (the first after none; none after the last).
fn next_of(names: &BTreeSet<&String>, current: Option<&String>) -> Option<String> {
    match current {
        None => names.iter().next().map(|n| (*n).clone()),
        Some(c) => names
            .range::<&String, _>((std::ops::Bound::Excluded(c), std::ops::Bound::Unbounded))
            .next()
            .map(|n| (*n).clone()),
    }
}

impl PendingScreen {
    pub fn open(
        store: &dyn Archive,
        today: NaiveDate,
        digits: Digits,
        first: usize,
    ) -> Result<PendingScreen> {
        let mut s = PendingScreen {
            rows: Vec::new(),
            cursor: None,
            loaded: false,
            visible: Vec::new(),
            selected: 0,
            marked: BTreeSet::new(),
            range: Range::All,
            status: None,
            query: None,
            body_filter: None,
            unit_filter: None,
            group_by_unit: false,
            today,
            bodies: store.body_names()?,
            units: store.unit_names()?,
            digits,
            detail: Vec::new(),
            letters: HashMap::new(),
        };
        s.letters = letter_lines(store)?;
        s.load_more(store, first.max(50))?;
        s.refilter();
        s.load_detail(store);
        Ok(s)
    }

    /// Reads the rows again (a meeting opened from the list may have changed
    /// them), keeping the filters, the marks and, once its row is back, the
    /// selection.
    pub fn reload(&mut self, store: &dyn Archive) -> Result<()> {
        self.bodies = store.body_names()?;
        self.units = store.unit_names()?;
        self.letters = letter_lines(store)?;
        let keep = self.selected_row().map(|r| r.at);
        self.rows.clear();
        self.visible.clear();
        self.cursor = None;
        self.loaded = false;
        self.load_more(store, CHUNK)?;
        self.refilter();
        if let Some(i) = keep.and_then(|k| self.visible.iter().position(|&i| self.rows[i].at == k))
        {
            self.selected = i;
        }
        self.load_detail(store);
        Ok(())
    }

    /// Loads the next chunk; returns whether more remain.
    pub fn load_more(&mut self, store: &dyn Archive, n: usize) -> Result<bool> {
        if self.loaded {
            return Ok(false);
        }
        let chunk = store.open_rows_after(self.cursor, n)?;
        if chunk.len() < n {
            self.loaded = true;
        }
        for (deadline, at, s) in chunk {
            self.cursor = Some((deadline, at));
            self.push_row(deadline, at, s);
        }
        Ok(!self.loaded)
    }

    /// One meeting's rows read again (another user saved it on a shared
    /// archive), the others kept; the whole list while it is still loading.
    pub fn refresh_meeting(&mut self, store: &dyn Archive, id: crate::model::Id) -> Result<()> {
        if !self.loaded {
            return self.reload(store);
        }
        let keep = self.selected_row().map(|r| r.at);
        self.rows.retain(|r| r.at.meeting != id);
        if let Some(m) = store.meeting(id)? {
            for (deadline, at, s) in crate::store::open_rows_of(&m) {
                self.push_row(deadline, at, s);
            }
        }
        // The list's order: by deadline, those without one last.
        self.rows
            .sort_by_key(|r| (r.deadline.is_none(), r.deadline, r.at.meeting, r.at.key));
        self.refilter();
        if let Some(i) = keep.and_then(|k| self.visible.iter().position(|&i| self.rows[i].at == k))
        {
            self.selected = i;
        }
        Ok(())
    }

    /// A row of the list from an open resolution's summary.
    fn push_row(
        &mut self,
        deadline: Option<NaiveDate>,
        at: ResolutionRef,
        s: crate::store::OpenSummary,
    ) {
        let body = self.bodies.get(&s.body).cloned().unwrap_or_default();
        let units: Vec<String> = s
            .responsible
            .iter()
            .map(|u| self.units.get(u).cloned().unwrap_or_default())
            .collect();
        // \u{1} keeps the fields apart: no typed query contains it.
        let search = [
            normalize(&s.text).text,
            normalize(&body).text,
            normalize(&units.join("\u{1}")).text,
        ]
        .join("\u{1}");
        self.rows.push(PendingRow {
            at,
            deadline,
            approved: s.approved,
            extensions: s.extensions,
            body,
            session: s.session,
            number: s.number,
            text: s.text,
            units,
            status: s.status,
            search,
        });
    }

    /// Called on every tick while loading.
    /// Loads the next chunk while rows remain; returns whether it did.
    pub fn tick(&mut self, store: &dyn Archive) -> Result<bool> {
        if !self.loaded {
            self.load_more(store, CHUNK)?;
            self.refilter();
            return Ok(true);
        }
        Ok(false)
    }

    fn days(&self, r: &PendingRow) -> Option<i64> {
        r.deadline.map(|d| (d - self.today).num_days())
    }

    /// Recomputes the rows shown: range, status, search; grouped by unit if asked.
    pub fn refilter(&mut self) {
        let keep_selected = self.visible.get(self.selected).map(|&i| self.rows[i].at);
        // The query is normalised once; each row's text was when it was loaded.
        let q = self
            .query
            .as_ref()
            .map(|q| normalize(q.text()).text)
            .unwrap_or_default();
        let mut v: Vec<usize> = (0..self.rows.len())
            .filter(|&i| {
                let r = &self.rows[i];
                self.range.keeps(self.days(r))
                    && self.status.is_none_or(|s| s == r.status)
                    && self.body_filter.as_ref().is_none_or(|b| &r.body == b)
                    && self
                        .unit_filter
                        .as_ref()
                        .is_none_or(|u| r.units.contains(u))
                    && (q.is_empty() || r.search.contains(&q))
            })
            .collect();
        if self.group_by_unit {
            v.sort_by(|&a, &b| self.rows[a].units.first().cmp(&self.rows[b].units.first()));
        }
        self.visible = v;
        self.selected = keep_selected
            .and_then(|k| self.visible.iter().position(|&i| self.rows[i].at == k))
            .unwrap_or(self.selected)
            .min(self.visible.len().saturating_sub(1));
    }

    pub fn selected_row(&self) -> Option<&PendingRow> {
        self.visible.get(self.selected).map(|&i| &self.rows[i])
    }

    /// The rows a follow-up applies to: the marked ones, else the selected one.
    pub fn targets(&self) -> Vec<ResolutionRef> {
        if self.marked.is_empty() {
            self.selected_row().map(|r| vec![r.at]).unwrap_or_default()
        } else {
            self.marked.iter().copied().collect()
        }
    }

    /// All → each body of the loaded rows, by name → all.
    pub fn cycle_body(&mut self) {
        let names: BTreeSet<&String> = self.rows.iter().map(|r| &r.body).collect();
        self.body_filter = next_of(&names, self.body_filter.as_ref());
        self.refilter();
    }

    /// All → each responsible unit of the loaded rows, by name → all.
    pub fn cycle_unit(&mut self) {
        let names: BTreeSet<&String> = self.rows.iter().flat_map(|r| &r.units).collect();
        self.unit_filter = next_of(&names, self.unit_filter.as_ref());
        self.refilter();
    }

    pub fn cycle_range(&mut self) {
        self.range = self.range.next();
        self.refilter();
    }

    pub fn cycle_status(&mut self) {
        self.status = match self.status {
            None => Some(Status::Open),
            Some(Status::Open) => Some(Status::InProgress),
            Some(Status::InProgress) => Some(Status::Extended),
            _ => None,
        };
        self.refilter();
    }

    pub fn toggle_mark(&mut self) {
        if let Some(at) = self.selected_row().map(|r| r.at)
            && !self.marked.remove(&at)
        {
            self.marked.insert(at);
        }
    }

    pub fn move_by(&mut self, delta: isize) {
        let last = self.visible.len().saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }

    /// Reads the register again (letters were just written).
    pub fn reload_letters(&mut self, store: &dyn Archive) {
        match letter_lines(store) {
            Ok(l) => self.letters = l,
            Err(e) => tracing::error!("reading the register of letters: {e}"),
        }
        self.load_detail(store);
    }

    /// The selected resolution's history, for the detail pane.
    pub fn load_detail(&mut self, store: &dyn Archive) {
        self.detail.clear();
        let Some(at) = self.selected_row().map(|r| r.at) else {
            return;
        };
        let Ok(Some(m)) = store.meeting(at.meeting) else {
            return;
        };
        let Some(r) = m.resolution_by_key(at.key) else {
            return;
        };
        let jal = |d: NaiveDate| {
            JalaliDate::from_gregorian(d)
                .map(|j| j.numeric(self.digits))
                .unwrap_or_default()
        };
        self.detail.push(r.text.clone());
        if let Some(e) = r.executor.and_then(|e| self.units.get(&e)) {
            self.detail.push(format!("مسئول اجرا: {e}"));
        }
        if r.extensions() > 0 {
            self.detail.push(format!(
                "مهلت مصوب: {} · مهلت کنونی: {} · {} بار تمدید",
                r.approved_deadline.map(jal).unwrap_or_else(|| "—".into()),
                r.deadline().map(jal).unwrap_or_else(|| "—".into()),
                self.digits.format(r.extensions())
            ));
        }
        let key = crate::model::ResolutionKey {
            meeting: at.meeting,
            key: at.key,
        };
        if let Some(letters) = self.letters.get(&key) {
            self.detail.push(letters.join(" · "));
        }
        if r.follow_ups.is_empty() {
            self.detail
                .push("هنوز پیگیری‌ای ثبت نشده / no follow-up yet".into());
        }
        for f in &r.follow_ups {
            let mut line = format!("{}: {}", jal(f.date), f.note);
            if let Some(s) = f.status {
                line.push_str(&format!(" [{}]", s.persian()));
            }
            if let Some(d) = f.deadline {
                line.push_str(&format!(" [تمدید تا {}]", jal(d)));
                if !f.requested_by.is_empty() {
                    line.push_str(&format!(" [درخواست: {}]", f.requested_by));
                }
            }
            self.detail.push(line);
        }
    }

    /// Applies a follow-up to the target rows; rows that close leave the list.
    pub fn apply_follow_up(
        &mut self,
        store: &dyn Archive,
        f: &crate::model::FollowUp,
    ) -> std::result::Result<usize, crate::ui::msg::Msg> {
        use crate::ui::msg::Msg;
        let targets = self.targets();
        let mut by_meeting: HashMap<Id, Vec<u32>> = HashMap::new();
        for t in &targets {
            by_meeting.entry(t.meeting).or_default().push(t.key);
        }
        // Every meeting read and changed first, then all saved in one transaction:
        // a failure records nothing and keeps the marks, so a retry adds no
        // duplicate follow-ups.
        let mut meetings = Vec::with_capacity(by_meeting.len());
        for (id, keys) in &by_meeting {
            let mut m = store
                .meeting(*id)
                .map_err(Msg::error)?
                .ok_or_else(|| Msg::fail("جلسه پیدا نشد", "meeting not found"))?;
            for k in keys {
                if let Some(r) = m.resolution_by_key_mut(*k) {
                    r.add_follow_up(f.clone());
                }
            }
            meetings.push(m);
        }
        store.save_follow_ups(&mut meetings).map_err(Msg::error)?;
        for m in &meetings {
            let keys = &by_meeting[&m.id];
            for r in self
                .rows
                .iter_mut()
                .filter(|r| r.at.meeting == m.id && keys.contains(&r.at.key))
            {
                if let Some(res) = m.resolution_by_key(r.at.key) {
                    r.status = res.status;
                    r.deadline = res.deadline();
                    r.extensions = res.extensions() as u32;
                }
            }
        }
        // Closed ones leave; a new deadline moves a row in the order.
        self.rows.retain(|r| r.status.is_open());
        self.rows
            .sort_by_key(|r| (r.deadline.is_none(), r.deadline, r.at.meeting, r.at.key));
        self.marked.clear();
        self.refilter();
        // A row that moved (extended) stays selected, its new line in view.
        if let [one] = targets[..]
            && let Some(i) = self.visible.iter().position(|&i| self.rows[i].at == one)
        {
            self.selected = i;
        }
        self.load_detail(store);
        Ok(targets.len())
    }

    pub fn on_action(&mut self, cx: &mut Cx, action: Action) -> Vec<Effect> {
        if self.query.is_some() {
            match action {
                Action::Close => self.query = None,
                Action::Accept => {
                    self.query = None;
                    return vec![];
                }
                a => {
                    if let Some(q) = &mut self.query {
                        q.edit(a);
                    }
                }
            }
            self.refilter();
            return vec![];
        }
        let page = cx.page as isize;
        match action {
            Action::Close => return vec![Effect::Home],
            Action::Open => {
                if let Some(r) = self.selected_row() {
                    return vec![Effect::OpenMeeting {
                        id: r.at.meeting,
                        focus: Focus::Resolution(r.number),
                        from_list: true,
                    }];
                }
            }
            Action::CycleRange => self.cycle_range(),
            Action::CycleStatus => self.cycle_status(),
            Action::FilterBody => self.cycle_body(),
            Action::FilterUnit => self.cycle_unit(),
            Action::Search => self.query = Some(TextField::new("", false)),
            Action::GroupByUnit => {
                self.group_by_unit = !self.group_by_unit;
                self.refilter();
                if self.group_by_unit {
                    let counts: Vec<String> = self
                        .unit_counts()
                        .iter()
                        .take(6)
                        .map(|(u, n)| format!("{u}: {}", cx.digits.format(*n)))
                        .collect();
                    return vec![Effect::Status(crate::ui::msg::Msg::plain(
                        counts.join("   "),
                    ))];
                }
            }
            Action::Mark => {
                self.toggle_mark();
                self.move_by(1);
                self.load_detail(cx.store);
            }
            Action::FollowUpLetters => {
                let rows: Vec<ResolutionRef> = if self.marked.is_empty() {
                    self.visible.iter().map(|&i| self.rows[i].at).collect()
                } else {
                    self.marked.iter().copied().collect()
                };
                let keys = rows
                    .iter()
                    .map(|r| crate::model::ResolutionKey {
                        meeting: r.meeting,
                        key: r.key,
                    })
                    .collect();
                return crate::ui::effect::letters_dialog(
                    cx,
                    crate::ui::screens::letters_dialog::Source::FollowUp {
                        keys,
                        unit: self.unit_filter.clone(),
                    },
                );
            }
            Action::FollowUp => {
                let n = self.targets().len();
                if n > 0 {
                    return vec![Effect::Dialog(Dialog::FollowUp(Box::new(
                        FollowUpForm::new(chrono::Local::now().date_naive(), cx.digits, n),
                    )))];
                }
            }
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-page),
            Action::PageDown => self.move_by(page),
            Action::First => self.move_by(isize::MIN / 2),
            Action::Last => self.move_by(isize::MAX / 2),
            _ => return vec![],
        }
        if matches!(
            action,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::First
                | Action::Last
        ) {
            self.load_detail(cx.store);
        }
        vec![]
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, mode: RenderMode, lang: Lang) {
        let detail_h = if area.height > 20 { 7 } else { 0 };
        let list = Rect {
            height: area.height - detail_h,
            ..area
        };
        let block = Block::bordered();
        let title = self.title(lang);
        let beside = Column::fitting(area.width);
        let w_text = area
            .width
            .saturating_sub(2 + beside.iter().map(|c| c.width() + 1).sum::<u16>());
        let columns: Vec<Column> = beside.into_iter().chain([Column::Text]).collect();
        let width = |c: Column| match c {
            Column::Text => w_text,
            c => c.width(),
        };
        let cell = |t: &str, w: u16| Cell::from(Line::from(fit_right(t, w, mode)));
        let header = Row::new(
            columns
                .iter()
                .map(|&c| cell(lang.pick(c.heading()), width(c))),
        )
        .style(Style::new().add_modifier(Modifier::BOLD));
        // Only the rows around the selection are built: the list may hold 100,000.
        let height = list.height.saturating_sub(3) as usize;
        let first = self.selected.saturating_sub(height.saturating_sub(1));
        let mut last_unit: Option<&str> = None;
        let rows = self
            .visible
            .iter()
            .skip(first)
            .take(height.max(1))
            .map(|&i| {
                let r = &self.rows[i];
                let days = self.days(r);
                let color = match days {
                    Some(d) if d < 0 => Color::Red,
                    Some(d) if d <= 7 => Color::Yellow,
                    _ => Color::Reset,
                };
                let mark = if self.marked.contains(&r.at) {
                    "● "
                } else {
                    ""
                };
                let unit = r.units.first().map_or("", String::as_str);
                let units = if self.group_by_unit && last_unit == Some(unit) {
                    String::new()
                } else {
                    r.units.join("؛ ")
                };
                last_unit = Some(unit);
                Row::new(columns.iter().map(|&c| {
                    let w = width(c);
                    match c {
                        Column::Days => {
                            cell(&days.map(|d| self.digits.format(d)).unwrap_or_default(), w)
                                .style(Style::new().fg(color))
                        }
                        Column::Deadline => cell(
                            &r.deadline
                                .and_then(|d| JalaliDate::from_gregorian(d).ok())
                                .map(|j| j.numeric(self.digits))
                                .unwrap_or_default(),
                            w,
                        ),
                        Column::Status => {
                            let mut s = r.status.persian().to_owned();
                            if r.extensions > 0 {
                                s.push_str(&format!(" ×{}", self.digits.format(r.extensions)));
                            }
                            cell(&s, w)
                        }
                        Column::Body => cell(&r.body, w),
                        Column::Ref => cell(
                            &format!(
                                "جلسه {} / مصوبه {}",
                                self.digits.format(r.session),
                                self.digits.format(r.number)
                            ),
                            w,
                        ),
                        Column::Units => cell(&units, w),
                        Column::Text => cell(&format!("{mark}{}", r.text.replace('\n', " ")), w),
                    }
                }))
            });
        let widths: Vec<Constraint> = columns
            .iter()
            .map(|&c| Constraint::Length(width(c)))
            .collect();
        let table = Table::new(rows, widths)
            .header(header)
            .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED))
            .block(block);
        let mut state = TableState::default().with_selected(Some(self.selected - first));
        frame.render_stateful_widget(table, list, &mut state);
        right_title(frame.buffer_mut(), list, &title, mode);
        if detail_h > 0 {
            let pane = Rect {
                y: area.y + list.height,
                height: detail_h,
                ..area
            };
            self.render_detail(frame, pane, mode, lang);
        }
    }

    /// The list's title: range, count, loading, filters, search, marks.
    fn title(&self, lang: Lang) -> String {
        let count = self.digits.format(self.visible.len());
        let mut title = format!(
            " {} · {} · {} ",
            lang.pick("مصوبات باز / open resolutions"),
            lang.pick(self.range.label()),
            count
        );
        if !self.loaded {
            title.push_str(lang.pick("… در حال بارگذاری / … loading "));
        }
        for f in [&self.body_filter, &self.unit_filter].into_iter().flatten() {
            title.push_str(&format!("· {f} "));
        }
        if let Some(q) = &self.query {
            title.push_str(&format!(
                "· {}: {}_ ",
                lang.pick("جست‌وجو / search"),
                q.text()
            ));
        }
        if !self.marked.is_empty() {
            title.push_str(&format!(
                "· {} {} ",
                self.digits.format(self.marked.len()),
                lang.pick("نشان‌دار / marked")
            ));
        }
        title
    }

    /// The selected resolution's follow-ups, under the list.
    fn render_detail(&self, frame: &mut Frame, pane: Rect, mode: RenderMode, lang: Lang) {
        frame.render_widget(Block::bordered(), pane);
        right_title(
            frame.buffer_mut(),
            pane,
            lang.pick(" پیگیری‌ها / follow-ups "),
            mode,
        );
        for (i, l) in self
            .detail
            .iter()
            .take((pane.height as usize).saturating_sub(2))
            .enumerate()
        {
            let t = fit_right(l, pane.width - 2, mode);
            frame
                .buffer_mut()
                .set_string(pane.x + 1, pane.y + 1 + i as u16, t, Style::new());
        }
    }

    /// Counts per unit (first responsible), for the grouped view's header.
    pub fn unit_counts(&self) -> Vec<(String, usize)> {
        let mut c: HashMap<&str, usize> = HashMap::new();
        for &i in &self.visible {
            *c.entry(self.rows[i].units.first().map_or("", String::as_str))
                .or_default() += 1;
        }
        let mut v: Vec<(String, usize)> = c.into_iter().map(|(k, n)| (k.to_owned(), n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }
}

/// The follow-up form: date (today), note, new deadline and who asked for it
/// (an extension), new status. Enter goes to the next field and saves on the
/// last one; Ctrl+S saves from any.
pub struct FollowUpForm {
    pub fields: [TextField; 4],
    pub status: Option<Status>,
    pub focus: usize,
    pub targets: usize,
    /// The digits of the user's settings, for the title's count.
    digits: Digits,
}

const LABELS: [&str; 4] = [
    "تاریخ / date",
    "شرح پیگیری / note",
    "تمدید مهلت تا / new deadline",
    "درخواست تمدید از / asked by",
];

impl FollowUpForm {
    pub fn new(today: NaiveDate, digits: Digits, targets: usize) -> FollowUpForm {
        let date = JalaliDate::from_gregorian(today)
            .map(|j| j.numeric(digits))
            .unwrap_or_default();
        FollowUpForm {
            fields: [
                TextField::new(&date, false),
                TextField::new("", true),
                TextField::new("", false),
                TextField::new("", false),
            ],
            status: None,
            focus: 1,
            targets,
            digits,
        }
    }

    pub fn cycle_status(&mut self) {
        self.status = match self.status {
            None => Some(Status::InProgress),
            Some(Status::InProgress) => Some(Status::Done),
            Some(Status::Done) => Some(Status::Cancelled),
            Some(Status::Cancelled) => Some(Status::Open),
            // «تمدید شده» comes from a new deadline, not from this cycle.
            Some(Status::Open | Status::Extended) => None,
        };
    }

    /// The follow-up the form describes, or why not.
    pub fn follow_up(
        &self,
        today: NaiveDate,
        work: &WorkWeek,
    ) -> std::result::Result<crate::model::FollowUp, crate::ui::msg::Msg> {
        use crate::calendar::{DateContext, parse_date};
        use crate::ui::msg::Msg;
        let ctx = DateContext {
            anchor: Some(today),
            deadline: false,
            work,
        };
        let date = parse_date(self.fields[0].text(), &ctx)
            .map_err(Msg::error)?
            .date;
        let note = self.fields[1].text().trim().to_owned();
        if note.is_empty() && self.status.is_none() && self.fields[2].text().trim().is_empty() {
            return Err(Msg::fail(
                "شرح پیگیری، وضعیت تازه یا مهلت تازه لازم است",
                "a note, a new status or a new deadline is needed",
            ));
        }
        let deadline = match self.fields[2].text().trim() {
            "" => None,
            t => Some(
                parse_date(
                    t,
                    &DateContext {
                        anchor: Some(today),
                        deadline: true,
                        work,
                    },
                )
                .map_err(Msg::error)?
                .date,
            ),
        };
        let requested_by = self.fields[3].text().trim().to_owned();
        if deadline.is_none() && !requested_by.is_empty() {
            return Err(Msg::fail(
                "«درخواست تمدید از» برای تمدید است: مهلت تازه را هم بنویسید",
                "“asked by” belongs to an extension: give the new deadline too",
            ));
        }
        Ok(crate::model::FollowUp {
            date,
            note,
            status: self.status,
            deadline,
            requested_by,
        })
    }

    const FORM: Form = Form {
        label_w: 18,
        max_rows: 3,
    };

    /// Enter: the next field, or, on the last, true (save).
    pub fn accept_field(&mut self) -> bool {
        Form::next_or_last(&mut self.focus, self.fields.len())
    }

    /// Where the form sits over the screen's area.
    fn rect(area: Rect) -> Rect {
        let w = area.width.saturating_sub(8).min(90);
        Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + 3,
            width: w,
            height: 14.min(area.height),
        }
    }

    /// Lays the fields out for the terminal's size (on opening and on resize).
    pub fn set_geometry(&mut self, area: Rect, mode: RenderMode) {
        Self::FORM.set_geometry(Self::rect(area), &mut self.fields, mode);
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, mode: RenderMode, lang: Lang) {
        let title = format!(
            " {} ({}) ",
            lang.pick("پیگیری / follow-up"),
            self.digits.format(self.targets)
        );
        let inner = Form::frame(frame.buffer_mut(), Self::rect(area), &title, mode);
        let rows = Form::labelled(&LABELS, &self.fields, lang);
        let (cursor, y) = Self::FORM.draw(frame.buffer_mut(), inner, &rows, self.focus, mode);
        if y < inner.bottom() {
            let s = match self.status {
                None => lang.pick("بدون تغییر / unchanged").to_owned(),
                Some(s) => s.persian().to_owned(),
            };
            let line = fit_right(
                &format!(
                    "{}: {s} (Alt+T) · {}",
                    lang.pick("وضعیت تازه / new status"),
                    lang.pick("ذخیره: Ctrl+S / save: Ctrl+S")
                ),
                inner.width,
                mode,
            );
            frame
                .buffer_mut()
                .set_string(inner.x, y, line, Style::new());
        }
        if let Some(c) = cursor {
            frame.set_cursor_position(c);
        }
    }
}
