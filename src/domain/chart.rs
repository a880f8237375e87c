//! The geometry of the report's charts, drawn as inline SVG in a fixed coordinate box:
//! a value axis that ends on a round number, and the rectangles of stacked columns and
//! of bars. Plain numbers in, plain rectangles out, so it is tested natively.

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// The axis top for values up to `max` and its step: a step of 1, 2 or 5 × 10ⁿ, with at
/// most five steps. An empty chart still gets an axis (0 to 1).
pub fn axis(max: u64) -> (u64, u64) {
    let max = max.max(1);
    let mut magnitude = 1u64;
    loop {
        for factor in [1, 2, 5] {
            let step = factor * magnitude;
            let steps = max.div_ceil(step);
            if steps <= 5 {
                return (steps * step, step);
            }
        }
        magnitude = magnitude.saturating_mul(10);
    }
}

/// Columns side by side across `width`, each a stack of its values from the bottom of
/// `height` up, on an axis to `top`. A gap of a fifth of a slot keeps columns apart; a
/// zero value gives an empty rectangle (kept, so series stay aligned).
pub fn stacked_columns(columns: &[Vec<u64>], width: f64, height: f64, top: u64) -> Vec<Vec<Rect>> {
    if columns.is_empty() {
        return Vec::new();
    }
    let slot = width / columns.len() as f64;
    let w = slot * 0.8;
    let scale = height / top.max(1) as f64;
    columns
        .iter()
        .enumerate()
        .map(|(i, values)| {
            let x = i as f64 * slot + (slot - w) / 2.0;
            let mut base = height;
            values
                .iter()
                .map(|v| {
                    let h = *v as f64 * scale;
                    base -= h;
                    Rect { x, y: base, w, h }
                })
                .collect()
        })
        .collect()
}

/// Horizontal bars, one per value, each `row` high with a quarter of it as the gap,
/// from the left edge, on an axis to `top` spanning `width`.
pub fn bars(values: &[u64], width: f64, row: f64, top: u64) -> Vec<Rect> {
    let scale = width / top.max(1) as f64;
    values
        .iter()
        .enumerate()
        .map(|(i, v)| Rect {
            x: 0.0,
            y: i as f64 * row + row * 0.125,
            w: *v as f64 * scale,
            h: row * 0.75,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_ends_on_a_round_number_in_at_most_five_steps() {
        assert_eq!(axis(0), (1, 1));
        assert_eq!(axis(3), (3, 1));
        assert_eq!(axis(7), (8, 2));
        assert_eq!(axis(22), (25, 5));
        assert_eq!(axis(50_000), (50_000, 10_000));
        assert_eq!(axis(1_100_000), (1_500_000, 500_000));
        for max in [1, 9, 11, 99, 101, 4_999, 1_234_567] {
            let (top, step) = axis(max);
            assert!(top >= max && top / step <= 5 && top % step == 0, "{max}");
        }
    }

    #[test]
    fn stacked_columns_fill_from_the_bottom_in_equal_slots() {
        let cols = stacked_columns(&[vec![1, 3], vec![0, 4]], 100.0, 80.0, 4);
        assert_eq!(cols.len(), 2);
        let (a, b) = (&cols[0], &cols[1]);
        assert_eq!(
            a[0],
            Rect {
                x: 5.0,
                y: 60.0,
                w: 40.0,
                h: 20.0
            }
        );
        assert_eq!(
            a[1],
            Rect {
                x: 5.0,
                y: 0.0,
                w: 40.0,
                h: 60.0
            }
        );
        assert_eq!(b[0].h, 0.0);
        assert_eq!((b[1].x, b[1].y, b[1].h), (55.0, 0.0, 80.0));
        assert!(stacked_columns(&[], 100.0, 80.0, 4).is_empty());
    }

    #[test]
    fn bars_are_as_long_as_their_share_of_the_axis() {
        let b = bars(&[50, 100, 0], 200.0, 20.0, 100);
        assert_eq!(
            b[0],
            Rect {
                x: 0.0,
                y: 2.5,
                w: 100.0,
                h: 15.0
            }
        );
        assert_eq!(b[1].w, 200.0);
        assert_eq!((b[2].y, b[2].w), (42.5, 0.0));
    }
}
