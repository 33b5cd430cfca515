//! DISC003 misplaced-disclosure: the disclosure only appears after the point where the site's feed
//! cuts a long post behind "see more" / "더보기".

use super::*;
use crate::draft::Platform;

pub static DOC: RuleDoc = RuleDoc {
    code: "DISC003",
    name: "misplaced-disclosure",
    category: Cat::Disclosure,
    severity: Warn,
    feed: None,
    by_role: &[],
    what: Bilingual::for_docs(
        "A disclosure that only appears after the point where the site cuts a long post behind “see more” (X 280, Facebook 477, LinkedIn 210, Instagram 125 characters; 125 elsewhere).",
        "사이트가 긴 글을 “더보기”로 접는 지점(X 280자, 페이스북 477자, 링크드인 210자, 인스타그램 125자, 그 밖에는 125자) 뒤에만 있는 광고·직원 표시.",
    ),
    why: Bilingual::fixed(
        "Most readers never click “see more”: a label behind it is not clear and conspicuous (FTC), and Korea's guideline requires it in the title or the first part of the post, never only after “더보기” or in a comment.",
        "대부분의 독자는 “더보기”를 누르지 않습니다. 그 뒤의 표시는 눈에 띄는 표시가 아니며(FTC), 공정위 심사지침은 제목이나 본문 첫 부분에 표시하도록 하고 “더보기” 뒤나 댓글에만 두는 것을 허용하지 않습니다.",
    ),
    source: Bilingual::fixed(
        "Korea Fair Trade Commission guidelines on endorsement advertising (revised 2 December 2025); FTC Endorsement Guides (16 CFR Part 255, 2023); FTC “Disclosures 101 for Social Media Influencers” (2023)",
        "공정거래위원회 「추천·보증 등에 관한 표시·광고 심사지침」(2025. 12. 2. 개정); 미국 FTC 추천·보증 지침(16 CFR Part 255, 2023); 미국 FTC 「Disclosures 101 for Social Media Influencers」(2023)",
    ),
    example: Bilingual::for_docs(
        "Two weeks with the Nova X1 and I'm honestly impressed. The battery easily lasts a full day of calls, maps and photos, the night mode pulls detail out of dark streets that my old phone turned to mush, and the screen stays readable in direct sun. Charging from empty to full takes under an hour. If you've been waiting for a phone that just works, this is it. #ad",
        "노바 X1을 2주 동안 써 봤습니다. 배터리는 통화, 지도, 사진을 하루 종일 써도 저녁까지 넉넉하게 남았고, 야간 모드는 어두운 골목도 디테일을 살려 줘서 예전 폰과는 확실히 달랐습니다. 햇빛 아래에서도 화면이 잘 보이고, 완전히 방전된 상태에서 완충까지 한 시간이 채 걸리지 않았어요. 무게도 가벼워서 한 손으로 쓰기 편했고, 케이스 없이도 그립감이 좋았습니다. 카메라 앱 반응도 빨라서 아이 사진 찍을 때 놓치는 순간이 줄었어요. 오래 쓸 튼튼한 폰을 찾는 분께 추천합니다. 이 글은 한빛전자로부터 제품을 제공받아 작성했습니다.",
    ),
    fix: Bilingual::for_docs("Put the label at the start.", "표시를 글 맨 앞에 두세요."),
};

/// How X weighs a character against its length limit (twitter-text's configuration): one for
/// Latin, Greek, Cyrillic and the like (U+0000–U+10FF) and general punctuation, two for everything
/// else (Hangul, CJK, emoji). Variation selectors and what a zero-width joiner glues to an emoji
/// are part of one emoji and weigh nothing more.
fn x_weight(c: char, after_joiner: bool) -> usize {
    match u32::from(c) {
        0..=0x10FF | 0x2000..=0x200D | 0x2010..=0x201F | 0x2032..=0x2037 => 1,
        0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF => 0,
        _ if after_joiner => 0,
        _ => 2,
    }
}

/// The byte where the part of `text` a feed shows before "see more" ends, or `None` if the whole
/// text is shown: `cut` characters, weighted as X weighs them when `x_count` is set.
pub(crate) fn visible_end(text: &str, cut: u32, x_count: bool) -> Option<usize> {
    let (cut, mut used, mut after_joiner) = (cut as usize, 0, false);
    for (at, c) in text.char_indices() {
        used += if x_count { x_weight(c, after_joiner) } else { 1 };
        after_joiner = c == '\u{200D}';
        if used > cut {
            return Some(at);
        }
    }
    None
}

/// A disclosure as the rule reports it: the label with its `#`/`[ ]` marks, or, for a statement of
/// several words ("제품을 제공받" of "제품을 제공받아"), the words through the end of the last one.
fn label_span(text: &str, hit: &Hit) -> (Range<usize>, bool) {
    let marked = with_label_marks(text, &hit.range);
    if marked != hit.range {
        return (marked, true);
    }
    if !hit.entry.contains(' ') {
        return (hit.range.clone(), false);
    }
    let end = text[hit.range.end..].find(|c: char| !c.is_alphanumeric()).map_or(text.len(), |n| hit.range.end + n);
    (hit.range.start..end, false)
}

/// Whether a bare one-word label ("ad", "광고", "협찬", "sponsored") ending at `end` stands as a
/// label: nothing more of its sentence follows ("… 광고", "(광고)", "sponsored."), or only a
/// copula or "received" ("광고입니다", "광고 포함", "협찬받은"). In "새 광고 캠페인이" or "an ad for"
/// the word is about ads.
fn stands_as_label(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches([' ', '\t']);
    let copula = ["입니다", "임", "이에요", "예요", "포함", "받"];
    rest.chars().next().is_none_or(|c| !c.is_alphanumeric()) || copula.iter().any(|w| rest.starts_with(w))
}

/// The site's name in a message.
fn site(platform: Platform) -> Option<(&'static str, &'static str)> {
    match platform {
        Platform::X => Some(("X", "X")),
        Platform::Facebook => Some(("Facebook", "페이스북")),
        Platform::Linkedin => Some(("LinkedIn", "링크드인")),
        Platform::Instagram => Some(("Instagram", "인스타그램")),
        Platform::Other => None,
    }
}

pub fn check(draft: &Draft, cx: &Context, out: &mut Findings) {
    let cut = cx.settings.disclosure.see_more_chars.on(cx.platform);
    let text = &draft.text[..draft.content_end()];
    let Some(visible_end) = visible_end(text, cut, cx.platform == Platform::X) else { return };
    let labels: Vec<&Hit> = draft.hits(Lex::DisclosureLabels).iter().chain(draft.hits(Lex::EmployeeTags)).collect();
    if labels.is_empty() || labels.iter().any(|h| with_label_marks(draft.text, &h.range).end <= visible_end) {
        return;
    }
    let first = labels.iter().min_by_key(|h| h.range.start).expect("not empty");
    let (span, marked) = label_span(draft.text, first);
    let employee_tag = draft.hits(Lex::EmployeeTags).contains(*first);
    // A bare "ad" or "광고" in running text may be about ads, not a label ("새 광고 캠페인").
    let statement = first.entry.contains(' ');
    if !(marked || employee_tag || statement || stands_as_label(draft.text, span.end)) {
        return;
    }
    let label = draft.text[span.clone()].to_string();
    let message = match site(cx.platform) {
        Some((en, ko)) => {
            let (x_en, x_ko) = match cx.platform {
                Platform::X => (" (as X counts them: Korean letters and emoji count two)", " X는 한글과 이모지를 2자로 셉니다."),
                _ => ("", ""),
            };
            bi(
                format!("“{label}” is hidden behind “see more”: {en} shows only the first {cut} characters of a long post{x_en}."),
                format!("“{label}” 표시는 “더보기”를 눌러야 보입니다. {ko}에서는 긴 글의 첫 {cut}자만 보여 줍니다.{x_ko}"),
            )
        }
        None => bi(
            format!("“{label}” comes only after the first {cut} characters; a disclosure belongs at the start, where readers see it first."),
            format!("“{label}” 표시가 첫 {cut}자 뒤에만 있습니다. 이해관계 표시는 제목이나 글의 첫 부분에 두어야 합니다."),
        ),
    };
    // A tag is copied to the start; a sentence gets a short label there and stays where it is.
    let insert = if marked || employee_tag {
        format!("{label} ")
    } else if draft.language == Language::Ko && (first.entry.contains("제공받") || first.entry.contains("협찬")) {
        "[협찬] ".to_string()
    } else {
        draft.in_language("#ad ", "[광고] ").to_string()
    };
    out.add(&DOC, span, message).suggest(bi("Put a label first", "맨 앞에 표시 넣기"), 0..0, insert);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CheckContext, Date, Engine, Policy};

    fn engine() -> Engine {
        let mut policy = Policy::default();
        policy.organization.products = vec!["Nova X1".into(), "노바 X1".into()];
        Engine::new(policy)
    }

    fn check(engine: &Engine, text: &str, platform: Platform) -> Vec<crate::Finding> {
        let mut context = CheckContext::new(Date::parse("2026-06-01").unwrap());
        context.platform = platform;
        engine.check_draft(text, &context).findings.into_iter().filter(|f| f.code == "DISC003").collect()
    }

    /// A review of exactly `chars` characters (as the platform counts them) that ends in `label`.
    fn review(label: &str, chars: usize, korean: bool) -> String {
        let filler = if korean { "노바 X1 화질이 좋아요. " } else { "The Nova X1 is great. " };
        let mut text: String = filler.repeat(200);
        let tail = format!(" {label}");
        let keep = chars - tail.chars().count();
        text = text.chars().take(keep).collect();
        text + &tail
    }

    const PLATFORMS: [(Platform, usize); 5] =
        [(Platform::X, 280), (Platform::Facebook, 477), (Platform::Linkedin, 210), (Platform::Instagram, 125), (Platform::Other, 125)];

    #[test]
    fn a_label_at_the_end_is_flagged_just_over_each_cut_off_and_not_at_it() {
        let engine = engine();
        for (platform, cut) in PLATFORMS {
            let at_cut = review("#ad", cut, false);
            assert_eq!(at_cut.chars().count(), cut);
            assert!(check(&engine, &at_cut, platform).is_empty(), "{platform:?}: {cut} characters are shown whole");
            let over = review("#ad", cut + 1, false);
            let found = check(&engine, &over, platform);
            assert_eq!(found.len(), 1, "{platform:?}: {} characters", cut + 1);
            assert_eq!(&over[found[0].range.clone()], "#ad");
        }
    }

    #[test]
    fn korean_counts_characters_not_bytes_and_x_counts_hangul_twice() {
        let engine = engine();
        for (platform, cut) in PLATFORMS.into_iter().filter(|p| p.0 != Platform::X) {
            let at_cut = review("[광고]", cut, true);
            assert!(at_cut.len() > 2 * cut, "{platform:?}: the bytes are well over the cut-off");
            assert!(check(&engine, &at_cut, platform).is_empty(), "{platform:?}");
            assert_eq!(check(&engine, &review("[광고]", cut + 1, true), platform).len(), 1, "{platform:?}");
        }
        // On X, 200 characters of a Korean review weigh more than 280: the label at the end is
        // hidden, though not on LinkedIn, whose 210 characters show it whole.
        let korean = review("[광고]", 200, true);
        assert_eq!(check(&engine, &korean, Platform::X).len(), 1);
        assert!(check(&engine, &korean, Platform::Linkedin).is_empty());
        assert!(check(&engine, &review("#ad", 200, false), Platform::X).is_empty(), "200 English characters fit");
        // Just under and just over X's 280: 136 Hangul (272) + " [광고]" (8) fit, one more does not.
        let hangul = |n: usize| "가나다라".repeat(50).chars().take(n).collect::<String>() + " [광고]";
        assert!(check(&engine, &hangul(136), Platform::X).is_empty());
        assert_eq!(check(&engine, &hangul(137), Platform::X).len(), 1);
        assert_eq!(visible_end("가나다", 4, true), Some("가나".len()));
        assert_eq!(visible_end("가나", 4, true), None);
        assert_eq!(visible_end("ab👍🏽c", 5, true), None, "a skin tone is part of its emoji");
    }

    #[test]
    fn the_policy_sets_the_cut_off() {
        let mut policy = Policy::default();
        policy.disclosure.see_more_chars.linkedin = 400;
        let engine = Engine::new(policy);
        let text = review("#ad", 300, false);
        assert!(check(&engine, &text, Platform::Linkedin).is_empty());
        assert_eq!(check(&self::engine(), &text, Platform::Linkedin).len(), 1);
    }

    #[test]
    fn the_fix_puts_a_label_first_and_the_draft_then_passes() {
        let engine = engine();
        let cases = [
            (review("#ad", 300, false), "#ad "),
            (review("[광고]", 250, true), "[광고] "),
            (review("이 글은 한빛전자로부터 제품을 제공받아 작성했습니다.", 250, true), "[협찬] "),
            (review("This post is sponsored by Hanbit.", 300, false), "#ad "),
        ];
        for (text, label) in cases {
            for (platform, _) in PLATFORMS {
                let found = check(&engine, &text, platform);
                if platform == Platform::Facebook {
                    assert!(found.is_empty(), "{text}");
                    continue;
                }
                assert_eq!(found.len(), 1, "{platform:?}: {text}");
                let fixed = found[0].suggestions[0].apply(&text);
                assert!(fixed.starts_with(label), "{fixed}");
                assert!(check(&engine, &fixed, platform).is_empty(), "{platform:?}: {fixed}");
            }
        }
    }

    #[test]
    fn a_sentence_is_reported_by_its_words() {
        let engine = engine();
        let text = review("이 글은 한빛전자로부터 제품을 제공받아 작성했습니다.", 200, true);
        let found = check(&engine, &text, Platform::Instagram);
        assert_eq!(&text[found[0].range.clone()], "제품을 제공받아");
        assert!(found[0].message.ko.contains("인스타그램에서는"), "{}", found[0].message.ko);
    }

    #[test]
    fn a_bare_ad_word_is_a_label_only_where_it_stands_as_one() {
        let engine = engine();
        let long = "We spent the morning planning the spring campaign with the agency and the design team. ".repeat(3);
        assert!(check(&engine, &format!("{long} The ad ran on the subway all week."), Platform::Other).is_empty());
        assert_eq!(check(&engine, &format!("{long} Ad."), Platform::Other).len(), 1);
        let korean = "노바 X1 출시를 앞두고 팀원들과 함께 준비한 이야기를 나눠 봅니다. ".repeat(4);
        assert!(check(&engine, &format!("{korean} 오늘부터 새 광고 캠페인이 시작됩니다."), Platform::Other).is_empty());
        for label in ["광고", "(광고)", "광고입니다.", "협찬받은 제품입니다."] {
            let found = check(&engine, &format!("{korean} {label}"), Platform::Other);
            assert_eq!(found.len(), 1, "{label}");
            assert!(found[0].suggestions[0].replacement.starts_with('['), "{label}: {:?}", found[0].suggestions[0]);
        }
    }
}
