//! Everything the user can ask for. Keymaps name these in kebab-case; the help
//! overlay lists them with their doc line.

use std::str::FromStr;

macro_rules! actions {
    ($($variant:ident = $name:literal, $doc:literal;)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $(#[doc = $doc] $variant,)*
        }

        impl Action {
            pub const ALL: &'static [Action] = &[$(Action::$variant,)*];

            /// The kebab-case name used in keymap files.
            pub fn name(self) -> &'static str {
                match self { $(Action::$variant => $name,)* }
            }

            /// One line for the help overlay.
            pub fn doc(self) -> &'static str {
                match self { $(Action::$variant => $doc,)* }
            }
        }

        impl FromStr for Action {
            type Err = String;
            fn from_str(s: &str) -> Result<Action, String> {
                match s {
                    $($name => Ok(Action::$variant),)*
                    _ => Err(format!("unknown action `{s}`")),
                }
            }
        }
    };
}

actions! {
    Quit = "quit", "خروج / quit";
    Help = "help", "راهنمای کلیدها / show or hide the keys of this screen";
    Close = "close", "بستن / close the overlay or message";
    Up = "up", "ردیف بالا / previous row";
    Down = "down", "ردیف پایین / next row";
    PageUp = "page-up", "صفحه قبل / one page up";
    PageDown = "page-down", "صفحه بعد / one page down";
    First = "first", "نخستین ردیف / first row";
    Last = "last", "آخرین ردیف / last row";
    Open = "open", "باز کردن / open";
    NewMeeting = "new-meeting", "جلسه تازه / new meeting";
    Search = "search", "جست‌وجو / search";
    FilterBody = "filter-body", "پالایش بر پایه کارگروه / filter by body";
    LoadDemo = "load-demo", "بارگذاری داده نمونه / load demo data";
    NextField = "next-field", "فیلد بعد / next field";
    PrevField = "prev-field", "فیلد قبل / previous field";
    Accept = "accept", "پذیرفتن پیشنهاد و رفتن به فیلد بعد / accept the suggestion, next field";
    Save = "save", "ذخیره اکنون / save now";
    AddAttendee = "add-attendee", "افزودن حاضر / add an attendee";
    TogglePresence = "toggle", "حاضر / غایب / مدعو / cycle presence (or a yes/no choice)";
    AddAgenda = "add-agenda", "افزودن دستور جلسه / add an agenda item";
    AddDiscussion = "add-discussion", "افزودن مذاکره / add a discussion entry";
    AddResolution = "add-resolution", "افزودن مصوبه / add a resolution";
    DeleteEntry = "delete-entry", "حذف این ردیف، پس از پرسش / delete this entry, after asking";
    MoveEntryUp = "move-up", "جابه‌جایی به بالا / move this entry up";
    MoveEntryDown = "move-down", "جابه‌جایی به پایین / move this entry down";
    JumpHeader = "jump-header", "سربرگ / header";
    JumpAttendance = "jump-attendance", "حاضرین / attendance";
    JumpAgenda = "jump-agenda", "دستور جلسه / agenda";
    JumpDiscussion = "jump-discussion", "خلاصه مذاکرات / discussion";
    JumpResolutions = "jump-resolutions", "مصوبات / resolutions";
    Finalise = "finalise", "نهایی کردن صورتجلسه / finalise the minutes";
    Reopen = "reopen", "بازگشایی صورتجلسه نهایی / reopen final minutes";
    Trash = "trash", "به سطل زباله (جلسه پیش‌نویس، کارگروه بی‌جلسه) یا حذف واحد بی‌استفاده / to the trash (a draft meeting, a body without meetings), or delete an unused unit";
    History = "history", "تاریخچه: نهایی شدن‌ها و بازگشایی‌ها / history: finalised, reopened, by whom";
    Undo = "undo", "واگرد / undo";
    Redo = "redo", "ازنو / redo";
    InsertZwnj = "insert-zwnj", "نیم‌فاصله / zero-width non-joiner";
    Newline = "newline", "سطر تازه در همین فیلد / new line in this field";
    CursorLeft = "cursor-left", "مکان‌نما به چپ / cursor left";
    CursorRight = "cursor-right", "مکان‌نما به راست / cursor right";
    CursorUp = "cursor-up", "مکان‌نما به بالا / cursor up";
    CursorDown = "cursor-down", "مکان‌نما به پایین / cursor down";
    WordLeft = "word-left", "یک واژه به چپ / word left";
    WordRight = "word-right", "یک واژه به راست / word right";
    LineStart = "line-start", "آغاز بند / start of paragraph";
    LineEnd = "line-end", "پایان بند / end of paragraph";
    Backspace = "backspace", "پاک کردن پیش از مکان‌نما / delete before the cursor";
    DeleteChar = "delete-char", "پاک کردن پس از مکان‌نما / delete after the cursor";
    ClearField = "clear-field", "پاک کردن همه فیلد / clear the whole field";
    DeleteWordBack = "delete-word-back", "پاک کردن واژه پیش از مکان‌نما / delete the word before the cursor";
    OpenDirectory = "open-directory", "کارگروه‌ها، اشخاص و واحدها / bodies, people and units";
    Merge = "merge", "ادغام با همزاد هم‌نام / merge with its same-name twin";
    Edit = "edit", "ویرایش نام / rename";
    NewRecord = "new-record", "کارگروه، شخص یا واحد تازه / new body, person or unit";
    Pending = "pending", "مصوبات باز همه جلسه‌ها / open resolutions of all meetings";
    Report = "report", "مصوبات جلسات پیشین یک کارگروه / previous resolutions of a body";
    Copy = "copy", "رونوشت در حافظه (کلیپ‌بورد) / copy to the clipboard";
    Dashboard = "dashboard", "داشبورد مصوبات / dashboard of resolutions";
    SearchAll = "search-all", "جست‌وجو در همه صورتجلسه‌ها / search every meeting";
    CycleRange = "filter-range", "بازه مهلت: همه، معوق، این هفته، ۳۰ روز / deadline range: all, overdue, this week, 30 days";
    FilterUnit = "filter-unit", "پالایش بر پایه واحد مسئول / filter by responsible unit";
    CycleStatus = "filter-status", "وضعیت: همه، باز، در دست اقدام / status: all, open, in progress";
    GroupByUnit = "group-by-unit", "گروه‌بندی بر پایه مسئول / group by responsible unit";
    Mark = "mark", "نشان‌گذاری برای پیگیری گروهی / mark for a shared follow-up";
    FollowUp = "follow-up", "ثبت پیگیری / record a follow-up";
    ImportFile = "import-file", "ورود از فایل / import minutes from a file";
    Export = "export", "خروجی Word، HTML، متن، اکسل… / export to Word, HTML, text, Excel…";
    NotifyLetters = "notify-letters", "نامه‌های ابلاغ مصوبات جلسه به دستگاه‌های مسئول / letters notifying each responsible unit of the meeting's resolutions";
    FollowUpLetters = "follow-up-letters", "نامه پیگیری به دستگاه‌های مسئول ردیف‌های نشان‌دار یا نمایش‌داده / follow-up letters to the units of the marked or shown rows";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for a in Action::ALL {
            assert_eq!(a.name().parse::<Action>(), Ok(*a));
        }
        assert!("no-such-thing".parse::<Action>().is_err());
    }
}
