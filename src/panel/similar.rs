//! Near-duplicate comments (issue 10, 合议): several reviewers often write the same strength or
//! OFI in slightly different words. The consensus carries every one of them in (the panel's
//! words reach the applicant, 第十八条(三)(四)), grouped, so the leader can merge a group into
//! one comment instead of reading the same point three times.
//!
//! Similarity is the Jaccard index of the texts' character bigrams after normalisation (case,
//! full-width forms, punctuation and spaces ignored): Chinese has no spaces to split words on,
//! and two characters are the shortest unit that still carries a word's meaning. Groups are the
//! connected components of "similar" — so they do not depend on the order comments arrive in,
//! and every comment is in exactly one group (most alone). Pure.

use std::collections::BTreeSet;

/// Two comments whose bigram sets share at least this percent of their union are grouped.
/// Reworded copies of one point score 40–60 (方针目标的评审频次与方法未见系统说明 against
/// 未见方针目标评审频次和方法的系统说明 is 47); different points on the same item share only the
/// item's vocabulary and stay under 20. 40 groups the first without chaining the second.
pub const NEAR_DUPLICATE_PERCENT: usize = 40;

/// The text as compared: lower case, full-width ASCII folded to half-width, only letters and
/// digits (Chinese characters are letters) kept.
pub fn normalise(text: &str) -> Vec<char> {
    text.chars()
        .map(|c| match c {
            // Full-width forms (Ａ１，) are the ASCII ones shifted by 0xFEE0.
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(u32::from(c) - 0xfee0).unwrap_or(c),
            c => c,
        })
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The character bigrams of a normalised text; a one-character text is its own gram.
fn grams(chars: &[char]) -> BTreeSet<(char, char)> {
    match chars {
        [] => BTreeSet::new(),
        [c] => BTreeSet::from([(*c, *c)]),
        _ => chars.windows(2).map(|w| (w[0], w[1])).collect(),
    }
}

/// Whether two gram sets are near-duplicates (an empty text is like nothing).
fn similar(a: &BTreeSet<(char, char)>, b: &BTreeSet<(char, char)>) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    shared * 100 >= union * NEAR_DUPLICATE_PERCENT
}

/// The similarity of two texts, percent of the union (rounded down): for tests and tuning.
pub fn similarity_percent(a: &str, b: &str) -> usize {
    let (a, b) = (grams(&normalise(a)), grams(&normalise(b)));
    let shared = a.intersection(&b).count();
    let union = a.len() + b.len() - shared;
    (shared * 100).checked_div(union).unwrap_or(0)
}

/// Groups the texts: each group lists indices into `texts`, ascending; groups are ordered by
/// their first index. Every index is in exactly one group.
pub fn group_near_duplicates<S: AsRef<str>>(texts: &[S]) -> Vec<Vec<usize>> {
    let grams: Vec<_> = texts
        .iter()
        .map(|t| grams(&normalise(t.as_ref())))
        .collect();
    // Union-find with the smaller index as the root: the partition is the same whatever the
    // order of the unions.
    let mut parent: Vec<usize> = (0..texts.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..grams.len() {
        for j in i + 1..grams.len() {
            if similar(&grams[i], &grams[j]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                let (lo, hi) = (a.min(b), a.max(b));
                parent[hi] = lo;
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut at: Vec<Option<usize>> = vec![None; texts.len()];
    for i in 0..texts.len() {
        let r = root(&mut parent, i);
        match at[r] {
            Some(g) => groups[g].push(i),
            None => {
                at[r] = Some(groups.len());
                groups.push(vec![i]);
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reworded_copies_group_and_different_points_do_not() {
        let texts = [
            "方针目标的评审频次与方法未见系统说明",
            "高层领导通过年度方针目标展开会将战略目标分解到各车间班组",
            "未见方针目标评审频次和方法的系统说明。",
            "建立了质量委员会，“首席质量官”制度落实到位",
            "建立了质量委员会, 首席质量官制度落实到位 ",
        ];
        assert_eq!(similarity_percent(texts[0], texts[2]), 47);
        assert!(similarity_percent(texts[0], texts[1]) < 20);
        assert_eq!(
            group_near_duplicates(&texts),
            vec![vec![0, 2], vec![1], vec![3, 4]]
        );
    }

    #[test]
    fn case_width_and_punctuation_do_not_count_and_empty_texts_stay_alone() {
        assert_eq!(similarity_percent("ＰＤＣＡ循环", "pdca 循环!"), 100);
        assert_eq!(
            group_near_duplicates(&["", "", "。"]),
            vec![vec![0], vec![1], vec![2]]
        );
        assert_eq!(group_near_duplicates::<&str>(&[]), Vec::<Vec<usize>>::new());
    }

    /// Texts from a small alphabet, so that near-duplicates are common.
    fn texts() -> impl Strategy<Value = Vec<String>> {
        proptest::collection::vec("[质量管理方针目标a ]{0,8}", 0..12)
    }

    proptest! {
        #[test]
        fn every_comment_is_in_exactly_one_group(texts in texts()) {
            let groups = group_near_duplicates(&texts);
            let mut seen: Vec<usize> = groups.iter().flatten().copied().collect();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..texts.len()).collect::<Vec<_>>());
            prop_assert!(groups.iter().all(|g| !g.is_empty()));
        }

        #[test]
        fn grouping_does_not_depend_on_the_input_order(
            (texts, order) in texts().prop_flat_map(|t| {
                let n = t.len();
                (Just(t), Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
            })
        ) {
            let shuffled: Vec<&String> = order.iter().map(|&i| &texts[i]).collect();
            let as_sets = |groups: Vec<Vec<usize>>, back: &dyn Fn(usize) -> usize| {
                let mut v: Vec<Vec<usize>> = groups
                    .into_iter()
                    .map(|g| {
                        let mut g: Vec<usize> = g.into_iter().map(back).collect();
                        g.sort_unstable();
                        g
                    })
                    .collect();
                v.sort();
                v
            };
            let direct = as_sets(group_near_duplicates(&texts), &|i| i);
            let permuted = as_sets(group_near_duplicates(&shuffled), &|i| order[i]);
            prop_assert_eq!(direct, permuted);
        }
    }
}
