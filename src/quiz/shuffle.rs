//! The order options are shown in: shuffled for each attempt, so that a
//! learner cannot learn positions instead of reasons, yet stable for the
//! attempt, so a reload or the replay shows the same order.
//!
//! The order comes from a seed saved with the attempt (see
//! `progress::Current::seed` and `QuizCurrent::seed`) and the id of the step
//! or question, so every step of an attempt has its own order. All in u64,
//! so wasm32 and native agree.

/// A SplitMix64 stream seeded from `seed` and FNV-1a of `key`.
fn stream(seed: u64, key: &str) -> impl FnMut() -> u64 {
    let mut state =
        key.bytes().fold(0xcbf2_9ce4_8422_2325_u64 ^ seed, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3));
    move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Fisher-Yates over `items` with the stream of (`seed`, `key`). (Indices
/// only: one copy of the code in the app.)
pub fn shuffle_in_place(seed: u64, key: &str, items: &mut [usize]) {
    let mut next = stream(seed, key);
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// The order to show `pinned.len()` options in, as option indices (show
/// `options[result[0]]` first). Options with `pinned[i]` stay last, in
/// their own order. Seed 0 (attempts saved before options were shuffled)
/// keeps the authored order, which is what those attempts showed.
pub fn shown_order(seed: u64, key: &str, pinned: &[bool]) -> Vec<usize> {
    if seed == 0 {
        return (0..pinned.len()).collect();
    }
    let mut free: Vec<usize> = (0..pinned.len()).filter(|&i| !pinned[i]).collect();
    shuffle_in_place(seed, key, &mut free);
    free.extend((0..pinned.len()).filter(|&i| pinned[i]));
    free
}

/// The order in which to show the `n` steps of an order question: shuffled
/// per attempt, and never the right order when `n > 1`. Seed 0 gives the
/// order shown before rounds had seeds (seeded by the id alone).
pub fn presented_order(seed: u64, question_id: &str, n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    shuffle_in_place(seed, question_id, &mut order);
    if n > 1 && order.iter().enumerate().all(|(i, &o)| i == o) {
        order.rotate_left(1);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_permutation(o: &[usize], n: usize) -> bool {
        let mut s = o.to_vec();
        s.sort_unstable();
        s == (0..n).collect::<Vec<_>>()
    }

    #[test]
    fn the_order_is_a_stable_permutation_that_differs_between_attempts() {
        for n in 0..8 {
            let o = shown_order(7, "step", &vec![false; n]);
            assert!(is_permutation(&o, n));
            assert_eq!(o, shown_order(7, "step", &vec![false; n]), "the same seed gives the same order");
        }
        let orders: std::collections::BTreeSet<Vec<usize>> =
            (1..20).map(|seed| shown_order(seed, "step", &[false; 4])).collect();
        assert!(orders.len() > 5, "attempts see different orders: {orders:?}");
        assert_ne!(shown_order(1, "a", &[false; 5]), shown_order(1, "b", &[false; 5]), "steps differ too");
    }

    #[test]
    fn seed_0_keeps_the_order_older_attempts_saw() {
        assert_eq!(shown_order(0, "step", &[false, true, false]), vec![0, 1, 2]);
        // The order questions' shuffle before seeds, for a known id.
        assert_eq!(presented_order(0, "first-steps", 3), presented_order(0, "first-steps", 3));
    }

    #[test]
    fn pinned_options_stay_last() {
        for seed in 1..30 {
            let o = shown_order(seed, "q", &[false, true, false, false, true]);
            assert_eq!(&o[3..], &[1, 4]);
            assert!(is_permutation(&o, 5));
        }
    }

    #[test]
    fn order_questions_never_start_in_the_right_order() {
        for seed in 0..50 {
            for n in 2..6 {
                let o = presented_order(seed, "first-steps", n);
                assert!(is_permutation(&o, n));
                assert!(o.iter().enumerate().any(|(i, &x)| i != x), "{seed} {n}: {o:?}");
            }
        }
    }
}
