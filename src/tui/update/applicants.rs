//! The applicants list (申报对象): open, add, rename, remove, declare, start site review, export.

use super::{Effect, error, info, review_allowed, step};
use crate::i18n::tui::Msg;
use crate::review::{ConflictDeclaration, Origin, Stage};
use crate::tui::action::Action;
use crate::tui::model::{AddForm, AddStep, Dialog, Model, Screen, text_area};

pub(super) fn update(m: &mut Model, action: Action) -> Vec<Effect> {
    let n = m.applicants.len();
    match action {
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => {
            let before = m.current;
            step(&mut m.current, n, &action);
            if m.current != before {
                m.undo.clear();
            }
        }
        Action::Open | Action::ShowItems if n > 0 => {
            if m.applicant()
                .is_some_and(|a| a.conflict == ConflictDeclaration::Undeclared)
            {
                open_declare(m);
            }
            m.screen = Screen::Items;
            let notice = m
                .applicant()
                .and_then(|a| crate::tui::model::edition_notice(&m.catalog, a, m.lang));
            if let Some(text) = notice {
                m.status = Some(crate::tui::model::StatusLine::Info(text));
            }
        }
        Action::ShowKeyFactors if n > 0 => m.screen = Screen::KeyFactors,
        Action::ShowEligibility if n > 0 => m.screen = Screen::Eligibility,
        Action::ShowSummary if n > 0 => m.screen = Screen::Summary,
        Action::AddApplicant => {
            if m.read_only {
                error(m, Msg::ReadOnlyRefused);
            } else {
                let name = super::dialogs::field(m, "add:name", "");
                let relationship = super::dialogs::field(m, "add:relationship", "");
                m.dialog = Some(Dialog::Add(Box::new(AddForm {
                    step: AddStep::Name,
                    name,
                    track: 0,
                    conflict: 0,
                    relationship,
                    existing: None,
                    error: None,
                })));
            }
        }
        Action::Rename if n > 0 => {
            if m.read_only {
                error(m, Msg::ReadOnlyRefused);
            } else if m
                .applicant()
                .is_some_and(|a| matches!(a.origin, Origin::Round { .. }))
            {
                // The name is the office's: one name for one number on every laptop.
                error(m, Msg::RenameRoundRefused);
            } else {
                let id = m.applicant().map(|a| a.id.to_string()).unwrap_or_default();
                let now = m.applicant().map(|a| a.name.clone()).unwrap_or_default();
                let name = super::dialogs::field(m, &format!("rename:{id}"), &now);
                m.dialog = Some(Dialog::Rename { name });
            }
        }
        Action::Remove => {
            if n == 0 {
                error(m, Msg::CannotRemoveLast);
            } else if m.read_only {
                error(m, Msg::ReadOnlyRefused);
            } else {
                m.dialog = Some(Dialog::ConfirmRemove);
            }
        }
        // Declared any time: 无利害关系 may still become 有利害关系 (a relationship learned
        // later, 第二十一条); 有利害关系 is final.
        Action::DeclareConflict if n > 0 => match m.applicant().map(|a| &a.conflict) {
            Some(ConflictDeclaration::Undeclared) => open_declare(m),
            Some(ConflictDeclaration::NoConflict { .. }) => {
                open_declare(m);
                if let Some(Dialog::Add(f)) = &mut m.dialog {
                    f.conflict = 1;
                }
            }
            _ => {
                m.status = Some(crate::tui::model::StatusLine::Error(
                    crate::review::ReviewError::ConflictIsFinal.message(m.lang),
                ))
            }
        },
        Action::ImportRound => {
            if m.read_only {
                error(m, Msg::ReadOnlyRefused);
            } else {
                let path = super::dialogs::field(m, "import", "");
                m.dialog = Some(Dialog::ImportRound { path, error: None });
            }
        }
        Action::RestoreApplicant => {
            if m.read_only {
                error(m, Msg::ReadOnlyRefused);
            } else {
                // The list is on disk: the loop reads it and opens the dialog.
                return vec![Effect::ListRemoved];
            }
        }
        Action::StartSiteReview if n > 0 => ask_site_review(m),
        Action::ExportSheet if n > 0 => return export(m),
        _ => {}
    }
    Vec::new()
}

fn open_declare(m: &mut Model) {
    if m.read_only {
        error(m, Msg::ReadOnlyRefused);
        return;
    }
    let id = m.applicant().map(|a| a.id.to_string());
    let key = format!("declare:{}", id.clone().unwrap_or_default());
    let relationship = super::dialogs::field(m, &key, "");
    m.dialog = Some(Dialog::Add(Box::new(AddForm {
        step: AddStep::Conflict,
        name: text_area(""),
        track: 0,
        conflict: 0,
        relationship,
        existing: id,
        error: None,
    })));
}

pub(super) fn ask_site_review(m: &mut Model) {
    if m.stage() == Stage::SiteReview {
        info(m, Msg::SiteAlready);
    } else if review_allowed(m) {
        m.dialog = Some(Dialog::ConfirmSiteReview);
    }
}

/// A complete review exports at once; an incomplete one only as a draft, after asking.
pub(super) fn export(m: &mut Model) -> Vec<Effect> {
    if m.read_only {
        error(m, Msg::ReadOnlyNoExport);
        return Vec::new();
    }
    // A round applicant with a declared relationship is not scored: its export is the signed
    // recusal record the leader's merge counts.
    if let Some(a) = m
        .applicant()
        .filter(|a| crate::service::export::exports_recusal(a))
    {
        return vec![Effect::ExportRecusal(a.id.to_string())];
    }
    let (Some(a), Some(f), Some(r)) = (m.applicant(), m.framework(), m.review()) else {
        return Vec::new();
    };
    let p = r.progress(f);
    // Site review with site-visit issues still open or the applicant's conduct not recorded
    // (第二十二条): warn, listing them; the reviewer decides.
    let site = r.stage == Stage::SiteReview;
    let open = if site { r.open_issues(f) } else { Vec::new() };
    let no_conduct = site && r.conduct.is_none();
    if !open.is_empty() || no_conduct {
        m.dialog = Some(Dialog::ConfirmOpenIssues {
            unscored: p.total - p.scored,
            open,
            no_conduct,
        });
        return Vec::new();
    }
    if p.scored < p.total {
        m.dialog = Some(Dialog::ConfirmDraftExport {
            unscored: p.total - p.scored,
        });
        return Vec::new();
    }
    // A round applicant's sheet goes to the leader: the dialog shows (and switches) sealing.
    if matches!(a.origin, crate::review::Origin::Round { .. }) {
        m.dialog = Some(Dialog::ConfirmExport);
        return Vec::new();
    }
    vec![Effect::Export {
        id: a.id.to_string(),
        draft: false,
        seal: false,
    }]
}
