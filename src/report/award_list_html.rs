//! The printable award recommendation list (获奖建议名单, 第九条(二)): the signed list as the
//! award office reads it on A4 — the places per award with who fills them and why any stay
//! empty, then each track's site-review ranking with the notes — bilingual like the panel
//! reports, 保密 on every page, 暂定 when a track was scored on a provisional framework, and
//! bound to the signed file by its SHA-256 (the file is authoritative, this page a rendering).

use maud::{Markup, html};

use super::html_common::{Marks, facts, label, page, score};
use crate::i18n::award_list::{self as words, why_empty};
use crate::i18n::report::{self as labels};
use crate::lang::Lang;
use crate::panel::award_list::{AwardList, ListEntry};
use crate::program::Program;

/// What the page says of the signed file beside it.
#[derive(Debug, Clone, Copy)]
pub struct Signed<'a> {
    /// SHA-256 of the signed file.
    pub hash: &'a str,
    /// The signer's fingerprint.
    pub fingerprint: &'a str,
    /// A track of the list was scored on a provisional framework (暂定).
    pub provisional: bool,
}

/// The whole page.
pub fn render(list: &AwardList, program: &Program, signed: Signed<'_>) -> String {
    let Signed {
        hash,
        fingerprint,
        provisional,
    } = signed;
    let secret = labels::SECRET.both();
    let prov = labels::PROVISIONAL.both();
    let marks = Marks {
        secret: &secret,
        provisional: provisional.then_some(prov.as_str()),
    };
    let award_title = |id: &str| -> Markup {
        match program.awards.iter().find(|a| a.id == id) {
            Some(a) => html! { (a.title.zh) " " span.en { (a.title.en) } },
            None => html! { (id) },
        }
    };
    let (min_zh, min_en) = labels::min_total(list.min_total.map(score).as_deref());
    let body = html! {
        section.cover {
            h1 { (label(labels::AWARD_RECOMMENDATION_LIST)) }
            p { (words::INTRO.zh) " " span.en { (words::INTRO.en) } }
            (facts(&[
                (labels::PROGRAM, html! { (program.title.zh) " " span.en { (program.title.en) } }),
                (labels::ROUND, html! { (list.round.id) " · v" (list.round.version) }),
                (labels::CREATED, html! { (list.created_at) }),
                (words::SIGNED_BY, html! { (list.leader.name) }),
                (words::FILE_HASH, html! { code { (hash) } }),
            ]))
            p.min-total { (min_zh) " " span.en { (min_en) } }
            h3 { (label(words::PLACES)) }
            table.places {
                thead { tr {
                    th { (label(words::AWARD)) }
                    th { (label(words::KIND)) }
                    th.num { (label(words::QUOTA)) }
                    th { (label(words::PROPOSED)) }
                    th.num { (label(words::EMPTY)) }
                    th { (label(words::WHY_EMPTY)) }
                } }
                tbody {
                    @for p in &list.places {
                        tr {
                            td { (award_title(&p.award)) }
                            td { (words::kind(Lang::Zh, p.kind)) " " span.en { (words::kind(Lang::En, p.kind)) } }
                            td.num { (p.quota) }
                            td {
                                @if p.proposed.is_empty() { "—" }
                                @for (i, n) in p.proposed.iter().enumerate() {
                                    @if i > 0 { br; }
                                    (n) " " (name_of(list, n))
                                }
                            }
                            td.num { (p.empty) }
                            td {
                                (why_empty(Lang::Zh, p, &list.tracks)) " "
                                span.en { (why_empty(Lang::En, p, &list.tracks)) }
                            }
                        }
                    }
                }
            }
            h3 { (label(words::SITE_RANKING)) }
            @for t in &list.tracks {
                h4 {
                    @match program.tracks.iter().find(|x| x.id == t.track) {
                        Some(track) => { (track.title.zh) " " span.en { (track.title.en) } }
                        None => { (t.track) }
                    }
                }
                @if t.entries.is_empty() {
                    p.empty { (words::NO_ENTRIES.zh) " " span.en { (words::NO_ENTRIES.en) } }
                } @else {
                    table.ranking {
                        thead { tr {
                            th.num { (label(labels::RANK)) }
                            th { (label(labels::APPLICANT_ID)) }
                            th { (label(labels::APPLICANT)) }
                            th.num { (label(labels::TOTAL)) }
                            th { (label(labels::PROPOSED_AWARD)) }
                            th { (label(labels::NOTE)) }
                        } }
                        tbody {
                            @for e in &t.entries {
                                tr {
                                    td.num { (rank_text(e)) }
                                    td.code { (e.number) }
                                    td { (e.name) }
                                    td.num { (score(e.total)) }
                                    td {
                                        @match &e.proposed_award {
                                            Some(a) => { (award_title(a)) }
                                            None => { "—" }
                                        }
                                    }
                                    td {
                                        @if let Some(n) = &e.note {
                                            (n.message(Lang::Zh)) " " span.en { (n.message(Lang::En)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h3 { (label(words::SIGNED_BY)) }
            (facts(&[
                (words::SIGNED_BY, html! { (list.leader.name) }),
                (words::FINGERPRINT, html! { (fingerprint) }),
                (words::SIGNATURE_LINE, html! { "" }),
                (words::DATE_LINE, html! { "" }),
            ]))
        }
    };
    page(labels::AWARD_RECOMMENDATION_LIST.zh, marks, body)
}

/// The name the list gives an application number.
fn name_of<'a>(list: &'a AwardList, number: &str) -> &'a str {
    list.tracks
        .iter()
        .flat_map(|t| &t.entries)
        .find(|e| e.number == number)
        .map_or("", |e| e.name.as_str())
}

/// `3`, or `3 并列`.
fn rank_text(e: &ListEntry) -> String {
    if e.tied {
        format!("{} {}", e.rank, labels::TIED.zh)
    } else {
        e.rank.to_string()
    }
}
