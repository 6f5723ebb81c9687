"""What a reader sees of a system's current level: localised texts, dates and colours shared by every embed form."""

import datetime
import re
import zoneinfo
from dataclasses import asdict, dataclass
from http import HTTPStatus

from api.embed.labels import Text, card_labels, colon, format_date, format_moment, label, pick
from api.errors import Problem
from api.http import clock
from api.inputs import system_or_404
from api.models import Change, Justification, Level, Source, System

HEX_COLOUR = re.compile(r"^#[0-9a-f]{6}$")
FALLBACK_COLOUR = "#595959"  # for a colour that is not a plain hex value: never copied into CSS or SVG


@dataclass(frozen=True)
class Quote:
    text: Text
    speaker: str
    speaker_role: str | None
    source_title: str
    source_publisher: str | None
    source_url: str | None


@dataclass(frozen=True)
class Display:
    """Everything an embed shows, already chosen and formatted for one language."""

    system: str
    lang: str
    system_name: Text
    level_code: str
    level_name: Text
    level_rank: int
    level_count: int
    colour: str
    text_colour: str
    since: datetime.date
    since_text: str
    why: Text
    quote: Quote | None
    as_of: datetime.date
    as_of_text: str
    change_id: str
    labels: dict

    @property
    def rank_text(self) -> str:
        return self.labels["rank"].format(rank=self.level_rank, count=self.level_count)

    @property
    def title(self) -> str:
        """One line for a page title, a badge's accessible name, an oEmbed title."""
        return f"{self.system_name.text}{colon(self.lang)} {self.level_name.text}"

    def as_dict(self) -> dict:
        return asdict(self)


def since_text(change: Change, system: System, lang: str) -> str:
    text = format_date(change.effective_date, lang)
    if change.effective_at:
        local = datetime.datetime.fromisoformat(change.effective_at).astimezone(zoneinfo.ZoneInfo(system.time_zone))
        text = format_moment(change.effective_date, local.time(), lang)
    return label(lang, "since", date=text)


def safe_colour(colour: str | None) -> str:
    return colour if colour and HEX_COLOUR.match(colour) else FALLBACK_COLOUR


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour_on(background: str) -> str:
    """Black or white, whichever contrasts more: either way at least 4.58:1, above WCAG AA's 4.5:1."""
    return "#000000" if contrast("#000000", background) >= contrast("#ffffff", background) else "#ffffff"


def choose_quote(change: Change, lang: str) -> Quote | None:
    """The first justification in the reader's language, else the first one."""
    justifications = list(change.ordered_justifications.select(Justification, Source).join(Source))
    if not justifications:
        return None
    chosen = next((j for j in justifications if j.language == lang), justifications[0])
    source = chosen.source
    return Quote(
        Text(chosen.quote, chosen.language),
        chosen.speaker,
        chosen.speaker_role,
        source.title,
        source.publisher,
        source.url if source.url and source.url.startswith(("https://", "http://")) else None,
    )


def display(system: System, change: Change, lang: str) -> Display:
    level: Level = change.to_level
    colour = safe_colour(level.colour)
    labels = card_labels(lang)
    return Display(
        system=system.id,
        lang=lang,
        system_name=pick(system, "name", lang),
        level_code=level.code,
        level_name=pick(level, "name", lang),
        level_rank=level.rank,
        level_count=Level.select().where(Level.scale == level.scale_id).count(),
        colour=colour,
        text_colour=text_colour_on(colour),
        since=change.effective_date,
        since_text=since_text(change, system, lang),
        why=pick(change, "summary", lang),
        quote=choose_quote(change, lang),
        as_of=system.reviewed_through,
        as_of_text=labels["as_of"].format(date=format_date(system.reviewed_through, lang)),
        change_id=change.id,
        labels=labels,
    )


def current_display(system_id: str, lang: str) -> Display:
    """What the embeds show for a system now; a 404 problem when the system or its history is unknown."""
    system = system_or_404(system_id)
    change = Change.in_force_at(system, clock.now_for(system))
    if change is None:
        raise Problem(HTTPStatus.NOT_FOUND, f"No change is recorded yet for {system_id!r}.", "not-found")
    return display(system, change, lang)
