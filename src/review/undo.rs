//! Undo/redo for the TUI: whole-applicant snapshots with a cap. An applicant is a few kilobytes
//! to a few hundred, so snapshots are simple and always correct; the cap bounds the memory.

use std::collections::VecDeque;

use super::model::Applicant;

/// History of one applicant's changes. Typical use:
/// `let before = a.clone(); a.set_percent(..)?; undo.record(before, None);` — or
/// [`Undo::apply`], which does exactly that and records only a successful, real change.
/// Typing in one text field can be grouped into one step by passing the same `group`.
#[derive(Debug, Clone)]
pub struct Undo {
    past: VecDeque<(Applicant, Option<String>)>,
    future: Vec<Applicant>,
    cap: usize,
}

impl Default for Undo {
    fn default() -> Self {
        Undo::new(200)
    }
}

impl Undo {
    /// Keeps at most `cap` steps (at least one).
    pub fn new(cap: usize) -> Undo {
        Undo {
            past: VecDeque::new(),
            future: Vec::new(),
            cap: cap.max(1),
        }
    }

    /// Records the state before a change. Clears the redo list. When `group` is given and
    /// equals the previous record's group, the change joins that step (one undo per text edit,
    /// not per keystroke).
    pub fn record(&mut self, before: Applicant, group: Option<&str>) {
        self.future.clear();
        if let (Some(g), Some((_, Some(last)))) = (group, self.past.back())
            && g == last
        {
            return;
        }
        self.past.push_back((before, group.map(str::to_string)));
        while self.past.len() > self.cap {
            self.past.pop_front();
        }
    }

    /// Runs `change` on the applicant; records the previous state only if it succeeded and
    /// actually changed something.
    pub fn apply<T, E>(
        &mut self,
        applicant: &mut Applicant,
        group: Option<&str>,
        change: impl FnOnce(&mut Applicant) -> Result<T, E>,
    ) -> Result<T, E> {
        let before = applicant.clone();
        let out = change(applicant);
        if out.is_ok() && *applicant != before {
            self.record(before, group);
        }
        out
    }

    /// Ends the current group, so the next grouped change starts a new step.
    pub fn seal(&mut self) {
        if let Some((_, g)) = self.past.back_mut() {
            *g = None;
        }
    }

    /// Restores the previous state into `applicant`; false if there is none.
    pub fn undo(&mut self, applicant: &mut Applicant) -> bool {
        match self.past.pop_back() {
            Some((before, _)) => {
                self.future.push(std::mem::replace(applicant, before));
                true
            }
            None => false,
        }
    }

    /// Re-applies an undone change; false if there is none.
    pub fn redo(&mut self, applicant: &mut Applicant) -> bool {
        match self.future.pop() {
            Some(after) => {
                self.past
                    .push_back((std::mem::replace(applicant, after), None));
                true
            }
            None => false,
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    pub fn clear(&mut self) {
        self.past.clear();
        self.future.clear();
    }
}
