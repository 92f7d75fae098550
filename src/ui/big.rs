//! The figures the table waits for, in big glyphs (tui-big-text): in the table view (F4)
//! the cost difference over the whole screen's width, and per life domain the score at
//! the start and now. The font has no €, so amounts are written "EUR". Each draws at the
//! largest size that fits, and says how many rows it needs so the rest can give way.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use tui_big_text::{BigText, PixelSize};

use super::theme;
use super::wrap::truncate;
use crate::i18n::Lang;
use crate::model::Cents;

/// The sizes tried, largest first: (size, columns and rows per character).
const SIZES: [(PixelSize, u16, u16); 3] = [
    (PixelSize::Full, 8, 8),
    (PixelSize::HalfHeight, 8, 4),
    (PixelSize::Quadrant, 4, 4),
];

/// The largest size at which `text` fits in `width` columns and at most `rows` rows.
fn size_for(text: &str, width: u16, rows: u16) -> Option<(PixelSize, u16, u16)> {
    let n = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    SIZES
        .iter()
        .copied()
        .find(|(_, w, h)| n.saturating_mul(*w) <= width && *h <= rows)
}

/// An amount as the font can write it: "+EUR 830" (whole euros, the language's grouping).
pub fn amount(c: Cents, lang: Lang) -> String {
    let short = c.display_short(lang, 40);
    let sign = if c.0 > 0 { "+" } else { "" };
    format!("{sign}{}", short.replace("€ ", "€").replace('€', "EUR "))
}

/// An amount in whole euros with its sign and no currency, for a range beside an
/// amount written by [`amount`]: "-16.134", "+1.196".
pub fn plain(c: Cents, lang: Lang) -> String {
    let sign = if c.0 > 0 { "+" } else { "" };
    format!(
        "{sign}{}",
        c.display_short(lang, 12).replace("€ ", "").replace('€', "")
    )
}

/// A figure and the range it lies in, each under its caption, in big glyphs of one size:
/// the range is as large as the figure, never small print beside it.
pub struct WithRange<'a> {
    pub caption: &'a str,
    pub text: &'a str,
    pub range_caption: &'a str,
    pub range: &'a str,
}

impl WithRange<'_> {
    /// The size at which both lines fit in `width` and, with their captions, `rows`.
    fn size(&self, width: u16, rows: u16) -> Option<(PixelSize, u16, u16)> {
        let longer = if self.text.chars().count() >= self.range.chars().count() {
            self.text
        } else {
            self.range
        };
        size_for(longer, width, rows.saturating_sub(2) / 2)
    }

    /// Rows it needs: none when it does not fit at all.
    pub fn rows(&self, width: u16, rows: u16) -> u16 {
        self.size(width, rows).map_or(0, |(_, _, h)| 2 * (h + 1))
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, style: Style) {
        let Some((size, _, h)) = self.size(area.width, area.height) else {
            return;
        };
        let mut y = area.y;
        for (caption, text, style) in [
            (self.caption, self.text, style),
            (self.range_caption, self.range, theme::label()),
        ] {
            frame.render_widget(
                Line::styled(caption.to_string(), theme::dim()),
                Rect::new(area.x, y, area.width, 1),
            );
            let big = BigText::builder()
                .pixel_size(size)
                .style(style.add_modifier(Modifier::BOLD))
                .lines(vec![Line::from(text.to_string())])
                .build();
            frame.render_widget(big, Rect::new(area.x, y + 1, area.width, h));
            y += h + 1;
        }
    }
}

/// One life domain's card: its label, then start and now in big digits with an arrow.
pub struct Card<'a> {
    pub label: &'a str,
    pub start: Option<u8>,
    pub now: Option<u8>,
}

/// Columns and rows of a card: two two-digit numbers in quadrants, an arrow between.
pub const CARD_W: u16 = 4 * 2 + 3 + 4 * 2 + 2;
pub const CARD_H: u16 = 1 + 4 + 1;

/// How many rows the cards need in `width` columns.
pub fn cards_rows(n: usize, width: u16) -> u16 {
    let per_row = usize::from((width / CARD_W).max(1));
    u16::try_from(n.div_ceil(per_row))
        .unwrap_or(u16::MAX)
        .saturating_mul(CARD_H)
}

/// The cards in rows across `area`, as many as fit.
pub fn cards(frame: &mut Frame, area: Rect, cards: &[Card<'_>]) {
    let per_row = usize::from((area.width / CARD_W).max(1));
    for (i, card) in cards.iter().enumerate() {
        let col = u16::try_from(i % per_row).unwrap_or(0);
        let row = u16::try_from(i / per_row).unwrap_or(u16::MAX);
        let x = area.x + col * CARD_W;
        let Some(y) = row
            .checked_mul(CARD_H)
            .map(|dy| area.y + dy)
            .filter(|y| y + CARD_H <= area.y + area.height)
        else {
            return;
        };
        let label_w = usize::from(CARD_W - 2);
        frame.render_widget(
            Line::styled(truncate(card.label, label_w), theme::heading()),
            Rect::new(x, y, CARD_W - 2, 1),
        );
        let number = |v: Option<u8>| v.map_or_else(|| "-".to_string(), |v| v.to_string());
        let (start, now) = (number(card.start), number(card.now));
        let big = |text: &str, style: Style| {
            BigText::builder()
                .pixel_size(PixelSize::Quadrant)
                .style(style)
                .lines(vec![Line::from(text.to_string())])
                .build()
        };
        frame.render_widget(big(&start, theme::series_b()), Rect::new(x, y + 1, 8, 4));
        frame.render_widget(Line::raw(" → "), Rect::new(x + 8, y + 2, 3, 1));
        frame.render_widget(
            big(&now, theme::series_a().add_modifier(Modifier::BOLD)),
            Rect::new(x + 11, y + 1, 8, 4),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_is_written_without_the_euro_sign() {
        assert_eq!(amount(Cents(83_090), Lang::Nl), "+EUR 831");
        assert_eq!(amount(Cents(-1_481_510), Lang::Nl), "-EUR 14.815");
        assert_eq!(amount(Cents(83_090), Lang::En), "+EUR 831");
    }

    #[test]
    fn the_largest_size_that_fits_is_chosen() {
        assert_eq!(size_for("+EUR 831", 80, 20).unwrap().0, PixelSize::Full);
        assert_eq!(
            size_for("+EUR 831", 80, 6).unwrap().0,
            PixelSize::HalfHeight
        );
        assert_eq!(
            size_for("+EUR 14.815", 50, 20).unwrap().0,
            PixelSize::Quadrant
        );
        assert!(size_for("+EUR 14.815", 30, 20).is_none());
    }
}
