//! Dialogs over a screen: each takes the keys while it is open and hands its
//! result to the screen below (through `on_action`'s `screen`) or to the app (as
//! effects).

use chrono::Local;
use ratatui::Frame;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::Screen;
use super::effect::{Cx, Effect, opened_new};
use super::screens::body_form::BodyForm;
use super::screens::checklist::Checklist;
use super::screens::export_dialog::ExportDialog;
use super::screens::history::HistoryPanel;
use super::screens::letters_dialog::LettersDialog;
use super::screens::new_meeting::NewMeetingDialog;
use super::screens::pending::FollowUpForm;
use super::screens::prompt::{Confirm, Prompt};
use super::screens::sheet_preview::SheetPreview;
use crate::lang::Lang;
use crate::text::RenderMode;
use crate::ui::msg::Msg;

pub enum Dialog {
    NewMeeting(Box<NewMeetingDialog>),
    /// A one-line question: the reason for reopening, a name, a file to import.
    Prompt(Prompt),
    /// A body's defaults.
    Body(Box<BodyForm>),
    Export(Box<ExportDialog>),
    FollowUp(Box<FollowUpForm>),
    /// A yes-or-no question (Enter or Esc).
    Confirm(Confirm),
    /// What to look at before finalising (Ctrl+F).
    Checklist(Checklist),
    /// The meeting's history (F10).
    History(HistoryPanel),
    /// A follow-up sheet's mapping, before it is imported.
    SheetPreview(Box<SheetPreview>),
    /// Letters to write and register (ابلاغ, پیگیری).
    Letters(Box<LettersDialog>),
}

/// The next (or, `back`, previous) of `len` fields.
fn cycle(focus: &mut usize, len: usize, back: bool) {
    *focus = if back {
        (*focus + len - 1) % len
    } else {
        (*focus + 1) % len
    };
}

impl Dialog {
    pub fn type_text(&mut self, s: &str) {
        match self {
            Dialog::NewMeeting(d) => d.type_text(s),
            Dialog::Prompt(p) => p.field.insert(s),
            Dialog::Body(b) => b.field_mut().insert(s),
            Dialog::FollowUp(f) => f.fields[f.focus].insert(s),
            Dialog::Letters(l) => l.fields[l.focus].insert(s),
            Dialog::Export(e) => {
                e.path.insert(s);
                e.confirm = false;
            }
            Dialog::Confirm(_)
            | Dialog::Checklist(_)
            | Dialog::History(_)
            | Dialog::SheetPreview(_) => {}
        }
    }

    /// Lays out what the dialog draws for the area it is drawn over.
    pub fn set_geometry(&mut self, main: Rect, mode: RenderMode) {
        match self {
            Dialog::Prompt(p) => p.set_geometry(main, mode),
            Dialog::NewMeeting(d) => d.set_geometry(main, mode),
            Dialog::Body(b) => b.set_geometry(main, mode),
            Dialog::FollowUp(f) => f.set_geometry(main, mode),
            Dialog::Export(e) => e.set_geometry(main, mode),
            Dialog::Letters(l) => l.set_geometry(main, mode),
            Dialog::Confirm(_)
            | Dialog::Checklist(_)
            | Dialog::History(_)
            | Dialog::SheetPreview(_) => {}
        }
    }

    pub fn on_action(&mut self, cx: &mut Cx, screen: &mut Screen, action: Action) -> Vec<Effect> {
        if action == Action::Close {
            return vec![Effect::CloseDialog];
        }
        let back = action == Action::PrevField;
        let fields = matches!(action, Action::NextField | Action::PrevField);
        match self {
            // A pre-filled value (the new meeting's body, date and time, the
            // follow-up's date) is selected when its field takes the focus.
            Dialog::NewMeeting(d) if fields => {
                cycle(&mut d.focus, d.fields.len(), back);
                d.fields[d.focus].select_all();
            }
            Dialog::Body(b) if fields => cycle(&mut b.focus, b.fields.len(), back),
            Dialog::Letters(l) if fields => cycle(&mut l.focus, l.fields.len(), back),
            Dialog::Letters(l) => return letters(cx, l, screen, action),
            Dialog::FollowUp(f) if fields => {
                cycle(&mut f.focus, f.fields.len(), back);
                if f.focus == 0 {
                    f.fields[0].select_all();
                }
            }
            Dialog::NewMeeting(d) => match action {
                Action::TogglePresence => d.carry_over = !d.carry_over,
                Action::Accept | Action::Save if action == Action::Save || d.accept_field() => {
                    match d.create(cx.store, cx.work) {
                        Ok(m) => {
                            let mut effects = opened_new(m.id);
                            effects.push(Effect::Status(Msg::info(
                                format!("جلسه {} ساخته شد", cx.digits.format(m.number)),
                                format!("meeting {} created", m.number),
                            )));
                            return effects;
                        }
                        Err(e) => d.error = Some(e),
                    }
                }
                Action::Accept => {}
                a => d.field_mut().edit(a),
            },
            Dialog::Prompt(p) => return p.on_action(cx, screen, action),
            Dialog::Confirm(c) => return c.on_action(cx, screen, action),
            Dialog::Checklist(c) => return c.on_action(cx, screen, action),
            Dialog::History(h) => return h.on_action(action),
            Dialog::SheetPreview(p) => return p.on_action(cx, action),
            Dialog::Body(b) => match action {
                Action::Newline => {
                    b.field_mut().newline();
                }
                Action::Accept if b.focus + 1 < b.fields.len() => b.focus += 1,
                Action::Accept | Action::Save => {
                    return match b.save(cx.store) {
                        Ok(()) => {
                            let mut effects = vec![
                                Effect::CloseDialog,
                                Effect::Status(Msg::info("ذخیره شد", "saved")),
                            ];
                            if let Screen::Directory(d) = screen
                                && let Err(e) = d.reload(cx.store)
                            {
                                effects.push(Effect::Status(Msg::error(e)));
                            }
                            effects
                        }
                        Err(e) => vec![Effect::Status(e)],
                    };
                }
                a => b.field_mut().edit(a),
            },
            Dialog::Export(e) => match action {
                Action::TogglePresence => e.next_format(),
                Action::Accept | Action::Save => {
                    return match e.write(cx.store, cx.letters) {
                        Ok(Some(ask)) => vec![Effect::Status(ask)],
                        Ok(None) => vec![
                            Effect::Status(Msg::info(
                                format!("{} نوشته شد", e.path.text()),
                                format!("{} written", e.path.text()),
                            )),
                            Effect::CloseDialog,
                        ],
                        Err(err) => vec![Effect::Status(err)],
                    };
                }
                a => {
                    e.path.edit(a);
                    e.confirm = false;
                }
            },
            Dialog::FollowUp(f) => match action {
                Action::TogglePresence => f.cycle_status(),
                Action::Newline => {
                    f.fields[f.focus].newline();
                }
                Action::Accept if f.accept_field() => return follow_up(cx, f, screen),
                Action::Accept => {}
                Action::Save => return follow_up(cx, f, screen),
                a => f.fields[f.focus].edit(a),
            },
        }
        vec![]
    }

    pub fn render(&self, frame: &mut Frame, main: Rect, mode: RenderMode, lang: Lang) {
        match self {
            Dialog::NewMeeting(d) => d.render(frame, main, mode, lang),
            Dialog::Body(b) => b.render(frame, main, mode, lang),
            Dialog::Export(e) => e.render(frame, main, mode, lang),
            Dialog::FollowUp(f) => f.render(frame, main, mode, lang),
            Dialog::Prompt(p) => p.render(frame, main, mode, lang),
            Dialog::Confirm(c) => c.render(frame, main, mode, lang),
            Dialog::Checklist(c) => c.render(frame, main, mode, lang),
            Dialog::History(h) => h.render(frame, main, mode, lang),
            Dialog::SheetPreview(p) => p.render(frame, main, mode, lang),
            Dialog::Letters(l) => l.render(frame, main, mode, lang),
        }
    }
}

/// The letters dialog's keys: Alt+T the format, Enter the next field and, on
/// the last, write (as Ctrl+S); the letters are registered and written, the
/// pending list shows them, settings learnt while onboarding take effect.
fn letters(cx: &mut Cx, l: &mut LettersDialog, screen: &mut Screen, action: Action) -> Vec<Effect> {
    match action {
        Action::TogglePresence => l.toggle_format(),
        Action::Accept if !l.accept_field() => {}
        Action::Accept | Action::Save => {
            return match l.write(cx.store, cx.letters, cx.config_dir) {
                Ok((msg, settings)) => {
                    let mut effects = vec![Effect::Status(msg), Effect::CloseDialog];
                    if let Some(s) = settings {
                        effects.push(Effect::Letters(Box::new(s)));
                    }
                    if let Screen::Pending(p) = screen {
                        p.reload_letters(cx.store);
                    }
                    effects
                }
                Err(e) => vec![Effect::Status(e)],
            };
        }
        a => l.fields[l.focus].edit(a),
    }
    vec![]
}

/// Records the follow-up on the pending list's marked rows or the meeting's
/// focused resolution.
fn follow_up(cx: &mut Cx, f: &FollowUpForm, screen: &mut Screen) -> Vec<Effect> {
    let today = Local::now().date_naive();
    let fu = match f.follow_up(today, cx.work) {
        Ok(fu) => fu,
        Err(e) => return vec![Effect::Status(e)],
    };
    let done = match screen {
        Screen::Pending(p) => p.apply_follow_up(cx.store, &fu).map(|n| {
            Msg::info(
                format!("پیگیری برای {} مصوبه ثبت شد", cx.digits.format(n)),
                format!("follow-up recorded for {n} resolutions"),
            )
        }),
        Screen::Minutes(m) => m
            .add_follow_up(cx.store, fu)
            .map(|()| Msg::info("پیگیری ثبت شد", "follow-up recorded")),
        _ => return vec![Effect::CloseDialog],
    };
    match done {
        Ok(msg) => vec![Effect::Status(msg), Effect::CloseDialog],
        Err(e) => vec![Effect::Status(e)],
    }
}
