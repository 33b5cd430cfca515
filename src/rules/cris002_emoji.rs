//! CRIS002 crisis-emoji: emoji while crisis mode is on.

use super::*;

pub static DOC: RuleDoc = RuleDoc {
    code: "CRIS002",
    name: "crisis-emoji",
    category: Cat::Crisis,
    severity: Warn,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs("Emoji in crisis mode.", "위기 모드에서 이모지."),
    why: Bilingual::fixed(
        "Emoji make a crisis message look casual; a fire emoji in a battery-fire statement becomes the screenshot.",
        "이모지는 위기 메시지를 가볍게 보이게 합니다. 배터리 화재 공지 속 🔥는 그대로 캡처됩니다.",
    ),
    source: Bilingual::fixed(
        "CDC Crisis and Emergency Risk Communication (CERC) manual (2014): the tone of crisis messages",
        "미국 CDC 위기·비상 위험 커뮤니케이션(CERC) 매뉴얼 (2014): 위기 메시지의 어조",
    ),
    example: Bilingual::for_docs("We're on it 💪🔥", "배터리 화재 관련 안내드립니다 🔥 자세한 내용은 공지를 확인해 주세요 https://hanbit.example/notice"),
    fix: Bilingual::for_docs("Remove the emoji.", "이모지를 지우세요."),
};

/// Pictographic emoji; symbols such as © and ™ are not.
fn is_emoji(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}' | '\u{231A}'..='\u{23FF}')
}

/// Joins emoji with what binds them into one picture (ZWJ, variation selectors, skin tones).
fn is_emoji_glue(c: char) -> bool {
    matches!(c, '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{20E3}')
}

/// Byte ranges of emoji sequences in `text`.
pub(crate) fn emoji_runs(text: &str) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        match runs.last_mut() {
            Some(run) if run.end == at && (is_emoji(c) || is_emoji_glue(c)) => run.end = end,
            _ if is_emoji(c) => runs.push(at..end),
            _ => {}
        }
    }
    runs
}

pub fn check(draft: &Draft, cx: &Context, out: &mut Findings) {
    if !cx.settings.crisis.active {
        return;
    }
    for run in emoji_runs(draft.text) {
        out.add(&DOC, run.clone(), bi("Emoji during a crisis.", "위기 상황에서 이모지는 메시지를 가볍게 만듭니다."))
            .suggest(bi("Remove the emoji", "이모지 삭제"), run, "");
    }
}
