//! The rules that flag every hit of their word lists with one message: one row each, no file.

use super::*;

/// When a word rule looks at a draft at all.
pub(super) enum When {
    Always,
    /// Only in an organisation's apology ([`family::apology::is_apology`]).
    Apology,
    /// Only while the policy's crisis mode is on.
    Crisis,
    /// Only in a reply to someone's post.
    Reply,
}

/// The edit a word rule offers on each hit.
pub(super) enum Edit {
    None,
    /// Delete the words; the label names the button.
    Remove(Bilingual),
    /// Put other words in their place: the label, then the English and Korean replacement.
    Replace(Bilingual, &'static str, &'static str),
    /// Like `Replace`, with the replacement picked by how the words found end: the first row whose
    /// ending they have (an empty ending takes any), then its English and Korean words.
    ReplaceByEnding(Bilingual, &'static [(&'static str, &'static str, &'static str)]),
    /// Put a whole sentence of reply in place of the sentence the words are in.
    ReplaceSentence(Bilingual, &'static str, &'static str),
    /// A softer word where one fits ([`family::tone::softer`]), then the removal the label names.
    SoftenOrRemove(Bilingual),
}

/// A rule that flags the hits of its lexicons.
pub(super) struct WordRule {
    doc: &'static RuleDoc,
    lexicons: &'static [Lex],
    when: When,
    /// The message in English and Korean: `{m}` stands for the words found; `{m은}`, `{m이}` and
    /// `{m을}` for them quoted with the particle their last syllable takes (“팰컨”은, “법적 조치”를).
    message: (&'static str, &'static str),
    edit: Edit,
}

impl Rule for WordRule {
    fn doc(&self) -> &'static RuleDoc {
        self.doc
    }

    fn check(&self, draft: &Draft, cx: &Context, out: &mut Findings) {
        let applies = match self.when {
            When::Always => true,
            When::Apology => family::apology::is_apology(draft),
            When::Crisis => cx.settings.crisis.active,
            When::Reply => cx.reply_to.is_some(),
        };
        if !applies {
            return;
        }
        // One finding per place: a hit inside another list's longer hit ("새끼" in "18새끼") is
        // the same words found twice.
        let mut hits: Vec<Hit> = self.lexicons.iter().flat_map(|&lexicon| draft.hits(lexicon)).cloned().collect();
        if self.lexicons.len() > 1 {
            crate::lexicon::keep_outermost(&mut hits);
        }
        for hit in &hits {
            let words = &draft.text[hit.range.clone()];
            let message = bi(fill(self.message.0, words), fill(self.message.1, words));
            let finding = out.add(self.doc(), hit.range.clone(), message);
            match &self.edit {
                Edit::None => {}
                Edit::Remove(label) => {
                    finding.suggest(label.clone(), hit.range.clone(), "");
                }
                Edit::Replace(label, en, ko) => {
                    finding.suggest(label.clone(), hit.range.clone(), draft.in_language(en, ko));
                }
                Edit::ReplaceByEnding(label, rows) => {
                    if let Some((_, en, ko)) = rows.iter().find(|(ending, _, _)| words.ends_with(ending)) {
                        finding.suggest(label.clone(), hit.range.clone(), draft.in_language(en, ko));
                    }
                }
                Edit::ReplaceSentence(label, en, ko) => {
                    let sentence = crate::fix::sentence_around(draft.text, hit.range.start);
                    finding.suggest(label.clone(), crate::rules::cover(&sentence, &hit.range), draft.in_language(en, ko));
                }
                Edit::SoftenOrRemove(label) => {
                    if let Some((softer, replacement)) = family::tone::softer(draft, &hit.range) {
                        finding.suggest(softer, hit.range.clone(), replacement);
                    }
                    finding.suggest(label.clone(), family::tone::removal(draft, &hit.range), "");
                }
            }
        }
    }
}

/// A message template with the words found put in.
fn fill(template: &str, words: &str) -> String {
    let mut filled = String::with_capacity(template.len() + words.len() + 8);
    let mut rest = template;
    // A char search (memchr), not a search for "{m": this runs for every hit.
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("a template's {m…} is closed");
        match &rest[open + 1..close] {
            "m" => filled.push_str(words),
            "m은" => filled.push_str(&quoted(words, Particle::Topic)),
            "m이" => filled.push_str(&quoted(words, Particle::Subject)),
            "m을" => filled.push_str(&quoted(words, Particle::Object)),
            other => panic!("unknown template slot {{{other}}}"),
        }
        rest = &rest[close + 1..];
    }
    filled.push_str(rest);
    filled
}

/// The word rules, in code order.
pub(super) static TABLE: &[WordRule] = &[
    WordRule {
        doc: &RuleDoc {
            code: "APOL001",
            name: "non-apology",
            category: Cat::Apology,
            severity: Warn,
            feed: None,
            by_role: &[],
            what: Bilingual::for_docs(
                "Conditional or regretful non-apologies: “sorry if anyone was offended”, “sorry you feel that way”, “we regret any inconvenience”, 오해가 있었다면, 본의 아니게, 논란이 된 점 유감.",
                "조건부·유감 표명식 사과: 오해가 있었다면, 본의 아니게, 그럴 뜻은 없었지만, 논란이 된 점 유감, 사실 여부를 떠나.",
            ),
            why: Bilingual::fixed(
                "A non-apology puts the problem on the people who were hurt and restarts the controversy.",
                "조건부 사과는 문제를 피해자 탓으로 돌려 논란을 다시 키웁니다.",
            ),
            source: Bilingual::fixed(
                "Aaron Lazare, “On Apology” (2004): conditional apologies",
                "아론 라자르 『On Apology』(2004): 조건부 사과",
            ),
            example: Bilingual::for_docs("We're sorry if anyone was offended by the ad.", "본의 아니게 불편을 드려 죄송합니다."),
            fix: Bilingual::for_docs("Apologise without conditions and name the wrong.", "조건 없이 사과하고 잘못을 구체적으로 밝히세요."),
        },
        lexicons: &[Lex::NonApology],
        when: When::Apology,
        message: ("“{m}” is a non-apology.", "{m은} 사과가 아니라 변명으로 읽힙니다."),
        edit: Edit::Replace(Bilingual::fixed("Apologise plainly", "조건 없는 사과로 바꾸기"), "We are sorry", "진심으로 사과드립니다"),
    },
    WordRule {
        doc: &RuleDoc {
            code: "APOL002",
            name: "misunderstanding-in-apology",
            category: Cat::Apology,
            severity: Warn,
            feed: None,
            by_role: &[],
            what: Bilingual::for_docs("“Misunderstanding”, 오해, 착오 in an apology.", "사과문 속 “오해”, “착오”, “와전”."),
            why: Bilingual::fixed(
                "Calling it a misunderstanding says the public got it wrong; the first rule of a Korean corporate apology is never to say 오해 (misunderstanding).",
                "“오해”라고 하면 잘못 이해한 쪽이 대중이라는 뜻이 됩니다. 사과문에서 “오해”는 금기입니다.",
            ),
            source: Bilingual::fixed(
                "Aaron Lazare, “On Apology” (2004): apologies that blame the offended",
                "아론 라자르 『On Apology』(2004): 피해자에게 책임을 돌리는 사과",
            ),
            example: Bilingual::for_docs("We apologize for the misunderstanding.", "전달 과정에서 오해를 사게 되어 죄송합니다."),
            fix: Bilingual::for_docs("Name what went wrong instead of calling it a misunderstanding.", "“오해” 대신 무엇이 잘못됐는지 밝히세요."),
        },
        lexicons: &[Lex::Misunderstanding],
        when: When::Apology,
        message: ("“{m}” in an apology blames the audience.", "사과문에서 {m은} 책임을 상대에게 돌리는 말입니다."),
        edit: Edit::None,
    },
    WordRule {
        doc: &RuleDoc {
            code: "APOL003",
            name: "blame-shift",
            category: Cat::Apology,
            severity: Warn,
            feed: None,
            by_role: &[],
            what: Bilingual::for_docs(
                "An apology that blames staff, interns, vendors or agencies: “a few employees”, “the outsourcing vendor”, 일부 직원, 협력업체.",
                "직원·인턴·협력업체·대행사 탓을 하는 사과: 일부 직원의 실수, 협력업체, 아웃소싱 업체.",
            ),
            why: Bilingual::fixed(
                "The public holds the company responsible; blaming the vendor (SK Telecom's comment-astroturfing case) made it worse.",
                "대중은 회사에 책임을 묻습니다. 아웃소싱 업체 탓을 한 SK텔레콤 댓글 알바 사례는 사태를 키웠습니다.",
            ),
            source: Bilingual::fixed(
                "SK Telecom's statement blaming an outsourcing vendor in its comment-astroturfing case (2009)",
                "SK텔레콤 댓글 알바 해명 (2009)",
            ),
            example: Bilingual::for_docs("We apologize. A few employees posted those comments without approval.", "죄송합니다. 아웃소싱 업체가 모집 공고 내용을 잘못 이해해 벌어진 일입니다."),
            fix: Bilingual::for_docs("Take responsibility as the company: “we”.", "“저희”를 주어로, 회사가 책임지는 문장으로 쓰세요."),
        },
        lexicons: &[Lex::BlameShift],
        when: When::Apology,
        message: ("“{m}” shifts the blame.", "{m은} 책임을 떠넘기는 표현입니다."),
        // "직원의 실수로" becomes "저희의 잘못으로" (the particle refitted by riskhint::fix::tidy), not "저희로".
        edit: Edit::ReplaceByEnding(Bilingual::fixed("Say “we”", "“저희”로 바꾸기"), &[("실수", "our mistake", "저희의 잘못"), ("", "we", "저희")]),
    },
    WordRule {
        doc: &RuleDoc {
            code: "APOL004",
            name: "denial",
            category: Cat::Apology,
            severity: Warn,
            feed: None,
            by_role: &[],
            what: Bilingual::for_docs(
                "Flat denials in a public response: “we did nothing wrong”, “not our fault”, 잘못이 없다, 과대광고가 아니다.",
                "공개 대응 속 단호한 부인: 잘못이 없다, 과대광고가 아니다, 문제가 없다.",
            ),
            why: Bilingual::fixed(
                "“We did nothing wrong” (Canon's 7D refund case) turned complaints into a boycott; acknowledge first.",
                "“우린 잘못이 없다”(캐논 7D 환불 사례)는 불만을 불매로 키웠습니다. 먼저 인정하세요.",
            ),
            source: Bilingual::fixed(
                "Canon Korea's response to the EOS 7D viewfinder-coverage advertising complaints (2009)",
                "캐논 7D 시야율 광고 대응 (2009)",
            ),
            example: Bilingual::for_docs("We did nothing wrong; the ad followed the rules.", "저희는 잘못이 없습니다. 고객님이 잘못 사용하신 겁니다."),
            fix: Bilingual::for_docs("Acknowledge the concern and say what you will check.", "우려를 인정하고 무엇을 확인할지 밝히세요."),
        },
        lexicons: &[Lex::Denial],
        when: When::Always,
        message: ("“{m}” reads as a denial.", "{m은} 잘못을 부인하는 말로 읽힙니다."),
        edit: Edit::Replace(Bilingual::fixed("Acknowledge instead", "인정하는 표현으로 바꾸기"), "we take this seriously and are looking into it", "문제를 무겁게 받아들이고 확인하고 있습니다"),
    },
    WordRule {
        doc: &RuleDoc {
            code: "CONF001",
            name: "codename",
            category: Cat::Confidential,
            severity: Block,
            feed: Some(FeedLabel::Leak),
            by_role: &[],
            what: Bilingual::for_docs(
                "An internal project codename listed in the policy (confidential.codenames).",
                "정책에 등록된 내부 프로젝트 코드명(confidential.codenames).",
            ),
            why: Bilingual::fixed(
                "Codenames stand for unreleased products; guidelines forbid anything about them before official publication (Intel, IBM).",
                "코드명은 미공개 제품을 가리킵니다. 공식 발표 전에는 언급하지 않는 것이 원칙입니다(Intel, IBM 가이드라인).",
            ),
            source: Bilingual::fixed(
                "Intel Social Media Guidelines (unreleased products); IBM Social Computing Guidelines; your organisation's policy",
                "Intel 소셜 미디어 가이드라인(미출시 제품); IBM 소셜 컴퓨팅 가이드라인; 소속 조직의 정책",
            ),
            example: Bilingual::for_docs("Can't wait for Project Falcon to ship!", "팰컨의 배터리 스펙 보셨어요?"),
            fix: Bilingual::for_docs("Redact the codename.", "코드명을 가리세요."),
        },
        lexicons: &[Lex::Codenames],
        when: When::Always,
        message: ("Confidential codename: “{m}”.", "기밀 코드명: “{m}”."),
        edit: Edit::Replace(Bilingual::fixed("Redact", "가리기"), "[redacted]", "[비공개]"),
    },
    WordRule {
        doc: &RuleDoc {
            code: "CONF002",
            name: "confidential-term",
            category: Cat::Confidential,
            severity: Block,
            feed: Some(FeedLabel::Leak),
            by_role: &[],
            what: Bilingual::for_docs(
                "A confidential term listed in the policy (confidential.terms).",
                "정책에 등록된 기밀 용어(confidential.terms).",
            ),
            why: Bilingual::fixed(
                "The organisation marked it confidential; guidelines forbid sharing unpublished plans, financials and products.",
                "회사가 기밀로 지정한 용어입니다. 공개 전 계획·재무·제품 정보는 공유하지 않습니다.",
            ),
            source: Bilingual::fixed(
                "Intel Social Media Guidelines; IBM Social Computing Guidelines; your organisation's policy",
                "Intel 소셜 미디어 가이드라인; IBM 소셜 컴퓨팅 가이드라인; 소속 조직의 정책",
            ),
            example: Bilingual::for_docs("Just saw the Q4 roadmap, wow", "Q4 roadmap 리뷰 끝! 내용은 비밀 🤐"),
            fix: Bilingual::for_docs("Redact the term.", "용어를 가리세요."),
        },
        lexicons: &[Lex::ConfidentialTerms],
        when: When::Always,
        message: ("Confidential term: “{m}”.", "기밀 용어: “{m}”."),
        edit: Edit::Replace(Bilingual::fixed("Redact", "가리기"), "[redacted]", "[비공개]"),
    },
    WordRule {
        doc: &RuleDoc {
            code: "CONF004",
            name: "confidentiality-marker",
            category: Cat::Confidential,
            severity: Warn,
            feed: None,
            by_role: &[],
            what: Bilingual::for_docs(
                "A marker that the content is not public: internal only, company confidential, under NDA, 대외비, 사내한.",
                "공개용이 아니라는 표시: internal only, under NDA, 대외비, 사내한, 내부 자료.",
            ),
            why: Bilingual::fixed(
                "If the text says it is internal, posting it is a leak; guidelines forbid sharing anything before official publication.",
                "내부용이라고 적힌 내용을 올리면 유출입니다. 공식 발표 전 정보는 공유하지 않습니다.",
            ),
            source: Bilingual::fixed(
                "Intel Social Media Guidelines; IBM Social Computing Guidelines",
                "Intel 소셜 미디어 가이드라인; IBM 소셜 컴퓨팅 가이드라인",
            ),
            example: Bilingual::for_docs("Internal only, but here's the new pricing deck", "대외비 자료인데 살짝만 공개 ㅎㅎ"),
            fix: Bilingual::for_docs("Don't post internal material.", "내부 자료는 게시하지 마세요."),
        },
        lexicons: &[Lex::ConfidentialityMarkers],
        when: When::Always,
        message: ("“{m}”: this reads as internal material.", "“{m}” 표시가 있어 내부 자료로 보입니다."),
        edit: Edit::None,
    },
    WordRule {
        doc: &RuleDoc {
            code: "CRIS001",
            name: "crisis-joke",
            category: Cat::Crisis,
            severity: Warn,
            feed: None,
            by_role: &[],
            what: Bilingual::for_docs("Jokes and laughter (lol, haha, jk, ㅋㅋ, ㅎㅎ) in crisis mode.", "위기 모드에서 농담·웃음(ㅋㅋ, ㅎㅎ, lol, haha)."),
            why: Bilingual::fixed(
                "In a crisis, jokes read as not taking the harm seriously; online and offline must carry the same message and tone.",
                "위기 상황의 농담은 피해를 가볍게 여기는 것으로 읽힙니다. 온라인과 오프라인의 메시지와 톤이 같아야 합니다.",
            ),
            source: Bilingual::fixed(
                "CDC Crisis and Emergency Risk Communication (CERC) manual (2014): no humour in crisis messages",
                "미국 CDC 위기·비상 위험 커뮤니케이션(CERC) 매뉴얼 (2014): 위기 메시지에 농담 금지",
            ),
            example: Bilingual::for_docs("lol the battery thing is overblown", "배터리 화재 관련 확인 중입니다 ㅋㅋ https://hanbit.example/notice"),
            fix: Bilingual::for_docs("Remove it.", "삭제하세요."),
        },
        lexicons: &[Lex::Laughter],
        when: When::Crisis,
        message: ("“{m}” during a crisis.", "위기 상황에서 {m은} 피해를 가볍게 여기는 것으로 읽힙니다."),
        edit: Edit::Remove(Bilingual::fixed("Remove", "삭제")),
    },
    WordRule {
        doc: &RuleDoc {
            code: "CRIS003",
            name: "crisis-speculation",
            category: Cat::Crisis,
            severity: Warn,
            feed: None,
            by_role: &[],
            what: Bilingual::for_docs("Speculation (probably, maybe, I think, rumor, 아마, 것 같, 추정) in crisis mode.", "위기 모드에서 추측(아마, 것 같, 추정, probably, I think)."),
            why: Bilingual::fixed(
                "In a crisis, guesses become headlines; when the organisation cannot answer responsibly yet, saying less is safer.",
                "위기 때 추측은 기사 제목이 됩니다. 책임 있게 답할 수 없을 때는 말을 아끼는 것이 안전합니다.",
            ),
            source: Bilingual::fixed(
                "CDC Crisis and Emergency Risk Communication (CERC) manual (2014): be right, don't speculate",
                "미국 CDC 위기·비상 위험 커뮤니케이션(CERC) 매뉴얼 (2014): 정확하게, 추측하지 말 것",
            ),
            example: Bilingual::for_docs("It was probably a faulty charger.", "배터리 화재는 아마 외부 충전기 때문일 거예요 https://hanbit.example/notice"),
            fix: Bilingual::for_docs("Say only what is confirmed.", "확인된 사실만 쓰세요."),
        },
        lexicons: &[Lex::Speculation],
        when: When::Crisis,
        message: ("“{m}” is speculation.", "{m은} 추측성 표현입니다."),
        edit: Edit::None,
    },
    WordRule {
        doc: &RuleDoc {
            code: "LEGL001",
            name: "legal-threat",
            category: Cat::Legal,
            severity: Warn,
            feed: None,
            by_role: &[],
            what: Bilingual::for_docs(
                "Threats to sue or cease-and-desist language: “we will sue”, “legal action”, 법적 대응, 고소하겠다.",
                "소송·법적 조치 위협: 법적 대응, 고소하겠다, 내용증명, “we will sue”.",
            ),
            why: Bilingual::fixed(
                "A cease-and-desist tone toward fans or customers becomes the story: Ford's letter to the Ranger Station fan site blew up within hours.",
                "팬이나 고객을 향한 법적 위협은 그 자체가 뉴스가 됩니다. 포드가 팬사이트에 보낸 경고장은 몇 시간 만에 역풍을 맞았습니다.",
            ),
            source: Bilingual::fixed(
                "Ford's cease-and-desist letter to the Ranger Station fan site, withdrawn within a day (2008)",
                "포드의 레인저 스테이션 팬사이트 경고장과 하루 만의 철회 (2008)",
            ),
            example: Bilingual::for_docs("Take that down or we will sue.", "악플 다는 분들 전부 고소하겠습니다"),
            fix: Bilingual::for_docs("Leave legal steps to the legal team.", "법적 조치는 법무팀에 맡기세요."),
        },
        lexicons: &[Lex::LegalThreats],
        when: When::Always,
        message: ("Legal threat: “{m}”.", "법적 위협: “{m}”."),
        edit: Edit::None,
    },
    WordRule {
        doc: &RuleDoc {
            code: "PROM001",
            name: "promised-returns",
            category: Cat::Promissory,
            severity: Warn,
            feed: None,
            by_role: &[],
            what: Bilingual::for_docs(
                "Promises about money: guaranteed returns, risk-free, can't lose, will double your money, 원금 보장, 확정 수익, 대박 종목.",
                "돈에 대한 단정: 원금 보장, 확정 수익, 고수익 보장, 대박 종목, guaranteed returns, risk-free.",
            ),
            why: Bilingual::fixed(
                "FINRA Rule 2210 forbids promissory and exaggerated claims; Korea's Capital Markets Act forbids 단정적 판단.",
                "자본시장법 §49는 단정적 판단 제공을 금지하고, 금감원은 “고수익 보장”·“대박 종목” 표현을 금지합니다(FINRA 2210도 같음).",
            ),
            source: Bilingual::fixed(
                "FINRA Rule 2210; Korea's Capital Markets Act art. 49; Financial Supervisory Service advertising review standards (2024)",
                "FINRA Rule 2210; 자본시장법 제49조; 금융감독원 금융광고 심의 기준 (2024)",
            ),
            example: Bilingual::for_docs("Guaranteed returns, you can't lose!", "원금 보장에 확정 수익 월 5%! 문의 주세요"),
            fix: Bilingual::for_docs("Remove the promise.", "단정적 표현을 지우세요."),
        },
        lexicons: &[Lex::Promissory],
        when: When::Always,
        message: ("“{m}” promises a financial result.", "{m은} 수익을 장담하는 표현입니다."),
        edit: Edit::Remove(Bilingual::fixed("Remove the promise", "표현 삭제")),
    },
    WordRule {
        doc: &RuleDoc {
            code: "SENS001",
            name: "politics",
            category: Cat::SensitiveTopic,
            severity: Info,
            feed: None,
            by_role: &[],
            what: Bilingual::for_docs("Elections, parties and politicians.", "선거, 정당, 정치인."),
            why: Bilingual::fixed(
                "Guidelines ask for care with politics: under your real name, your view may be read as your employer's.",
                "가이드라인은 정치 언급에 주의를 요청합니다. 실명 계정의 의견은 회사의 입장으로 읽힐 수 있습니다.",
            ),
            source: Bilingual::fixed(
                "Intel Social Media Guidelines; BBC guidance on social media use; JoongAng Group social media guidelines (political views)",
                "Intel 소셜 미디어 가이드라인; BBC 소셜 미디어 이용 지침; 중앙그룹 소셜 미디어 가이드라인(정치 성향)",
            ),
            example: Bilingual::for_docs("Everyone should vote for the Democrats", "대선 토론 보셨어요?"),
            fix: Bilingual::for_docs("Consider adding that views are your own.", "개인 의견임을 밝히는 것을 고려하세요."),
        },
        lexicons: &[Lex::Politics],
        when: When::Always,
        message: ("Political topic: “{m}”.", "정치 주제: “{m}”."),
        edit: Edit::None,
    },
    WordRule {
        doc: &RuleDoc {
            code: "SENS002",
            name: "religion",
            category: Cat::SensitiveTopic,
            severity: Info,
            feed: None,
            by_role: &[],
            what: Bilingual::for_docs("Religions and their figures.", "종교와 종교 인물."),
            why: Bilingual::fixed(
                "Guidelines ask for care with religion; discrimination by religion is forbidden.",
                "가이드라인은 종교 언급에 주의를 요청하며, 종교에 따른 차별은 금지됩니다.",
            ),
            source: Bilingual::fixed(
                "Intel Social Media Guidelines; BBC guidance on social media use; JoongAng Group social media guidelines (religion)",
                "Intel 소셜 미디어 가이드라인; BBC 소셜 미디어 이용 지침; 중앙그룹 소셜 미디어 가이드라인(종교)",
            ),
            example: Bilingual::for_docs("Church was packed this Easter morning", "교회 수련회 다녀왔어요"),
            fix: Bilingual::for_docs("Consider adding that views are your own.", "개인 의견임을 밝히는 것을 고려하세요."),
        },
        lexicons: &[Lex::Religion],
        when: When::Always,
        message: ("Religious topic: “{m}”.", "종교 주제: “{m}”."),
        edit: Edit::None,
    },
    WordRule {
        doc: &RuleDoc {
            code: "TONE001",
            name: "profanity",
            category: Cat::Tone,
            severity: Warn,
            feed: Some(FeedLabel::Hostile),
            by_role: &[],
            what: Bilingual::for_docs(
                "Swear words, including masked and obfuscated spellings (f***, sh1t, ㅅㅂ, 시1발, 씨@발) and Korean ones written as numbers that sound like them (씨8, 18놈).",
                "욕설(가리거나 변형한 표기 포함: f***, sh1t, ㅅㅂ, 시1발, 씨@발, 숫자로 쓴 욕 씨8·18놈).",
            ),
            why: Bilingual::fixed(
                "Company guidelines forbid profanity: under your name it reads as the company's tone.",
                "회사 가이드라인은 욕설을 금지합니다. 실명 계정의 말투는 회사의 말투로 읽힙니다.",
            ),
            source: Bilingual::fixed(
                "Perspective API attributes (profanity); IBM, Intel, Dell and BBC social media guidelines",
                "Perspective API 속성(욕설); IBM·Intel·Dell·BBC 소셜 미디어 가이드라인",
            ),
            example: Bilingual::for_docs("this update is fucking broken", "이거 존나 좋다 ㅋㅋ"),
            fix: Bilingual::for_docs("Remove the word.", "단어를 지우세요."),
        },
        lexicons: &[Lex::ProfanityEn, Lex::ProfanityKo, Lex::ProfanityNumericKo],
        when: When::Always,
        message: ("Profanity: “{m}”.", "욕설: “{m}”."),
        edit: Edit::SoftenOrRemove(Bilingual::fixed("Remove the word", "단어 삭제")),
    },
    WordRule {
        doc: &RuleDoc {
            code: "TONE002",
            name: "insult",
            category: Cat::Tone,
            severity: Warn,
            feed: Some(FeedLabel::Hostile),
            by_role: &[],
            what: Bilingual::for_docs("Name-calling and insults (idiot, moron, 병신, 멍청이, 또라이).", "인신공격·모욕(병신, 멍청이, 또라이, idiot, moron)."),
            why: Bilingual::fixed(
                "Insults start fights the company then has to answer for; guidelines say “don't pick fights”.",
                "모욕은 회사가 책임져야 할 싸움을 만듭니다. 가이드라인은 “싸움을 걸지 말라”고 합니다.",
            ),
            source: Bilingual::fixed(
                "Perspective API attributes (insult); Intel and IBM social media guidelines",
                "Perspective API 속성(모욕); Intel·IBM 소셜 미디어 가이드라인",
            ),
            example: Bilingual::for_docs("only an idiot would buy that", "또라이 같은 소리 하네"),
            fix: Bilingual::for_docs("Remove the insult.", "모욕 표현을 지우세요."),
        },
        lexicons: &[Lex::InsultEn, Lex::InsultKo],
        when: When::Always,
        message: ("Insult: “{m}”.", "모욕 표현: “{m}”."),
        edit: Edit::SoftenOrRemove(Bilingual::fixed("Remove the insult", "표현 삭제")),
    },
    WordRule {
        doc: &RuleDoc {
            code: "TONE004",
            name: "threat",
            category: Cat::Tone,
            severity: Block,
            feed: Some(FeedLabel::Hostile),
            by_role: &[],
            what: Bilingual::for_docs("Threats of violence or harm.", "폭력이나 해를 가하겠다는 위협."),
            why: Bilingual::fixed(
                "A threat can be a crime and gets accounts suspended; nothing justifies it under your name.",
                "위협은 범죄가 될 수 있고 계정 정지 사유입니다. 실명으로 올릴 이유가 없습니다.",
            ),
            source: Bilingual::fixed(
                "Perspective API attributes (threat); X, Facebook and LinkedIn rules on violent speech",
                "Perspective API 속성(위협); X·Facebook·LinkedIn의 폭력적 발언 정책",
            ),
            example: Bilingual::for_docs("You'll regret this, Hanbit support", "너 가만 안 둬"),
            fix: Bilingual::for_docs("Don't post threats.", "위협하는 글은 올리지 마세요."),
        },
        lexicons: &[Lex::ThreatEn, Lex::ThreatKo],
        when: When::Always,
        message: ("Threat: “{m}”.", "위협 표현: “{m}”."),
        edit: Edit::Remove(Bilingual::fixed("Remove the threat", "위협 삭제")),
    },
    WordRule {
        doc: &RuleDoc {
            code: "TONE005",
            name: "identity-attack",
            category: Cat::Tone,
            severity: Block,
            feed: Some(FeedLabel::Hostile),
            by_role: &[],
            what: Bilingual::for_docs(
                "Slurs and attacks on a group: gender, race or nationality, religion, region, sexual orientation, age, disability.",
                "집단 비하·혐오 표현: 성별, 인종·국적, 종교, 지역, 성적 지향, 나이, 장애.",
            ),
            why: Bilingual::fixed(
                "Discrimination by gender, race, religion or politics is forbidden by company codes and turns into a boycott overnight.",
                "성별·인종·종교·정치성향 차별은 사규로 금지되며(중앙그룹 가이드라인 등), 하룻밤에 불매운동이 됩니다.",
            ),
            source: Bilingual::fixed(
                "Perspective API attributes (identity attack); Korean hate-speech label schemes (kocohub korean-hate-speech, Smilegate UnSmile, K-MHaS); JoongAng Group social media guidelines",
                "Perspective API 속성(정체성 공격); 한국어 혐오 표현 분류 체계(kocohub korean-hate-speech, 스마일게이트 UnSmile, K-MHaS); 중앙그룹 소셜 미디어 가이드라인",
            ),
            example: Bilingual::for_docs("Go back to your country, nobody wants you here", "틀딱들은 스마트폰 쓰지 마라"),
            fix: Bilingual::for_docs("Don't post it.", "올리지 마세요."),
        },
        lexicons: &[Lex::IdentityEn, Lex::IdentityKo],
        when: When::Always,
        message: ("Identity attack: “{m}”.", "혐오 표현: “{m}”."),
        edit: Edit::Remove(Bilingual::fixed("Remove it", "삭제")),
    },
    WordRule {
        doc: &RuleDoc {
            code: "TONE006",
            name: "dismissive-reply",
            category: Cat::Tone,
            severity: Warn,
            feed: None,
            by_role: &[],
            what: Bilingual::for_docs(
                "A dismissive answer to a complaint: “read the manual”, “not our problem”, “calm down”, 고객님 잘못.",
                "불만에 대한 무시하는 답: “설명서를 읽으세요”, “저희 책임 아닙니다”, “진정하세요”, “고객님 잘못”.",
            ),
            why: Bilingual::fixed(
                "Replying in anger or sarcasm to a complaint turns one unhappy customer into a public story (Dell Hell).",
                "불만에 화나 비꼬는 답을 하면 한 명의 불만이 공개 이슈가 됩니다(델 헬 사례).",
            ),
            source: Bilingual::fixed(
                "Jeff Jarvis's “Dell Hell” (2005): a complaint ignored becomes a public issue; Canon Korea's 7D response (2009)",
                "제프 자비스의 ‘델 헬(Dell Hell)’ (2005); 캐논 7D 시야율 광고 대응 (2009)",
            ),
            example: Bilingual::for_docs("Read the manual.", "충전기 꽂는 방법이 틀리신 거예요. 고객님 잘못입니다."),
            fix: Bilingual::for_docs("Acknowledge the problem and offer help.", "문제를 인정하고 도움을 제안하세요."),
        },
        lexicons: &[Lex::Dismissive],
        when: When::Reply,
        message: ("“{m}” brushes off the person you are replying to.", "{m은} 상대의 불만을 무시하는 말로 읽힙니다."),
        edit: Edit::ReplaceSentence(Bilingual::fixed("Acknowledge and help", "문제를 인정하고 돕겠다고 답하기"), "Sorry about this. Let's sort it out; could you send us the details?", "불편을 드려 죄송합니다. 자세한 내용을 알려주시면 바로 확인하겠습니다."),
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_take_the_particle_of_the_words_found() {
        assert_eq!(fill("{m은} 추측성 표현입니다.", "아마"), "“아마”는 추측성 표현입니다.");
        assert_eq!(fill("{m은} 추측성 표현입니다.", "카더라"), "“카더라”는 추측성 표현입니다.");
        assert_eq!(fill("{m을} 지우세요.", "법적 조치"), "“법적 조치”를 지우세요.");
        assert_eq!(fill("{m이} 보입니다.", "팰컨"), "“팰컨”이 보입니다.");
        assert_eq!(fill("Threat: “{m}”.", "or else"), "Threat: “or else”.");
    }

    #[test]
    fn every_template_fills() {
        for row in TABLE {
            for template in [row.message.0, row.message.1] {
                assert!(!fill(template, "x").contains('{'), "{}: {template}", row.doc.code);
            }
        }
    }
}
