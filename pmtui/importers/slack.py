"""A Slack workspace export: the incident channel's messages as timeline events.

Slack's export (a .zip, or the folder it unpacks to) holds `users.json` (`org_users.json` in an
Enterprise Grid export), `channels.json` (private channels in `groups.json`, group DMs in
`mpims.json`) and one folder per channel of per-day files `YYYY-MM-DD.json`, each a list of
messages with `ts`, `user`, `user_profile.real_name`, `text`, `subtype` and `files`. Accepted as
the source: the export (folder or .zip, also re-zipped inside one top-level folder), one channel
folder, or one day file. An export of several channels needs `--channel`: a whole workspace would
flood the timeline.

Kept: what people wrote (plain messages, thread replies, `/me` messages, file shares; a file with
no text as "shared a file: TITLE"), as "Real Name: text" with source "Slack #channel", with
mentions, links, emoji shortcodes and *bold*/_italic_ marks as a person reads them. Skipped: joins,
leaves, topic and other `channel_*`/`group_*` notices, bot and app posts (`bot_message`, or any
message with a `bot_id`), edit and delete notices; an edited message keeps its time and shows its
final text.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any, Protocol

from pmtui.document.model import TimelineEvent
from pmtui.importers import ChannelNeeded, SourceError
from pmtui.importers.events import checked_instant, decode_text, new_event, parse_json

DAY_FILE = re.compile(r"\d{4}-\d{2}-\d{2}\.json")
# Subtypes that are a person speaking (a plain message has none); every other one is a notice or a bot.
SPOKEN_SUBTYPES = {"thread_broadcast", "me_message", "file_share"}
MARKUP = re.compile(r"<([^<>]*)>")
SLACK_TIMESTAMP = re.compile(r"(\d+)(?:\.\d+)?")
# Enterprise Grid exports name the people in org_users.json; private channels are in groups.json
# and group DMs in mpims.json.
USER_FILES = ("users.json", "org_users.json")
CHANNEL_FILES = ("channels.json", "groups.json", "mpims.json")
# *bold*, _italic_, ~strike~: a mark opens after a space or punctuation, and closes before one.
TEXT_MARK = re.compile(r"(?<![\w*_~])([*_~])(?=\S)([^\n]*?\S)\1(?![\w*_~])")
EMOJI_CODE = re.compile(r"(?<![\w:]):([a-z0-9_+'-]*[a-z+][a-z0-9_+'-]*):(?![\w])")
SKIN_TONE = re.compile(r":skin-tone-[2-6]:")
# The shortcodes incident channels use most; any other stays as typed (":name:" reads fine).
EMOJI = {
    "+1": "👍", "thumbsup": "👍", "-1": "👎", "thumbsdown": "👎", "white_check_mark": "✅",
    "heavy_check_mark": "✔️", "x": "❌", "warning": "⚠️", "rotating_light": "🚨", "fire": "🔥",
    "eyes": "👀", "tada": "🎉", "pray": "🙏", "rocket": "🚀", "bug": "🐛", "red_circle": "🔴",
    "large_green_circle": "🟢", "large_yellow_circle": "🟡", "hourglass": "⌛", "hourglass_flowing_sand": "⏳",
    "ok_hand": "👌", "thinking_face": "🤔", "slightly_smiling_face": "🙂", "smile": "😄", "sweat_smile": "😅",
    "raised_hands": "🙌", "heart": "❤️", "boom": "💥", "sos": "🆘", "mag": "🔍", "memo": "📝",
    "chart_with_upwards_trend": "📈", "chart_with_downwards_trend": "📉", "construction": "🚧",
    "no_entry": "⛔", "stop_sign": "🛑", "wave": "👋", "point_up": "☝️", "muscle": "💪", "scream": "😱",
    "sob": "😭", "facepalm": "🤦", "ack": "🆗", "ok": "🆗", "100": "💯", "green_heart": "💚",
}
# What the entries read from one .zip may expand to: a workspace's incident channel is a few MB;
# a 300 KB zip bomb must not become 300 MB in memory.
ZIP_BUDGET_BYTES = 200 * 1024 * 1024


class ExportPath(Protocol):
    """What both `pathlib.Path` and `ZipEntry` offer, so a .zip reads like its folder."""

    name: str

    def iterdir(self) -> Any: ...
    def is_dir(self) -> bool: ...
    def is_file(self) -> bool: ...
    def read_bytes(self) -> bytes: ...
    def joinpath(self, *other: str) -> Any: ...


class ZipExport:
    """A Slack export .zip, read like the folder it unpacks to (`ZipEntry` offers what `Path`
    does). The entry list is indexed once: `zipfile.Path` scans every entry for each folder it
    lists, which made a 1000-channel export take minutes to read."""

    def __init__(self, bundle: zipfile.ZipFile, source: Path):
        self.bundle, self.source = bundle, source
        self.files: dict[str, zipfile.ZipInfo] = {}
        self.children: dict[str, set[str]] = {"": set()}  # folder ("" is the top) -> its entries' names
        for info in bundle.infolist():
            parts = [part for part in info.filename.split("/") if part]
            for depth in range(len(parts)):
                folder = "/".join(parts[:depth])
                self.children.setdefault(folder, set()).add(parts[depth])
            if parts and not info.is_dir():
                self.files["/".join(parts)] = info
            elif parts:
                self.children.setdefault("/".join(parts), set())
        self.budget = ZIP_BUDGET_BYTES

    def read(self, inner: str) -> bytes:
        info = self.files[inner]
        if info.file_size > self.budget:
            raise SourceError(f"{self.source}: expands to more than {ZIP_BUDGET_BYTES // 2**20} MB "
                              f"(at {inner}); not a Slack export pmtui reads")
        self.budget -= info.file_size
        try:
            return self.bundle.read(info)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError, OSError) as exc:
            # Corrupt data, a compression method Python lacks, an encrypted entry.
            raise SourceError(f"{self.source}/{inner}: cannot read this part of the .zip ({exc})") from None


class ZipEntry:
    """A file or folder inside a `ZipExport`."""

    def __init__(self, export: ZipExport, inner: str = ""):
        self.export, self.inner = export, inner
        self.name = inner.rpartition("/")[2]

    def __str__(self) -> str:
        return f"{self.export.source}/{self.inner}" if self.inner else str(self.export.source)

    def joinpath(self, *other: str) -> ZipEntry:
        return ZipEntry(self.export, "/".join(part for part in (self.inner, *other) if part))

    def is_dir(self) -> bool:
        return self.inner in self.export.children and self.inner not in self.export.files

    def is_file(self) -> bool:
        return self.inner in self.export.files

    def iterdir(self) -> list[ZipEntry]:
        return [self.joinpath(name) for name in sorted(self.export.children.get(self.inner, ()))]

    def read_bytes(self) -> bytes:
        return self.export.read(self.inner)


def _json(path: ExportPath) -> Any:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse_json(decode_text(data, str(path)), str(path), "a Slack export file")


def _day_files(folder: ExportPath) -> list[ExportPath]:
    return sorted((child for child in folder.iterdir() if child.is_file() and DAY_FILE.fullmatch(child.name)),
                  key=lambda child: child.name)


class Directory:
    """Who is who in the workspace: user ids to display names, channel ids to names."""

    def __init__(self, root: ExportPath | None):
        self.users: dict[str, str] = {}
        self.channels: dict[str, str] = {}
        if root is None:
            return
        for user in self._records(root, USER_FILES):
            profile = user.get("profile") if isinstance(user.get("profile"), dict) else {}
            name = profile.get("real_name") or user.get("real_name") or user.get("name")
            if isinstance(user.get("id"), str) and isinstance(name, str) and name:
                self.users[user["id"]] = name
        for channel in self._records(root, CHANNEL_FILES):
            if isinstance(channel.get("id"), str) and isinstance(channel.get("name"), str):
                self.channels[channel["id"]] = channel["name"]

    @staticmethod
    def _records(root: ExportPath, names: tuple[str, ...]) -> list[dict[str, Any]]:
        """The objects listed in whichever of the files `names` the export has."""
        records: list[dict[str, Any]] = []
        for name in names:
            path = root.joinpath(name)
            if not path.is_file():
                continue
            raw = _json(path)
            if not isinstance(raw, list):
                raise SourceError(f"{path}: expected a list, got {type(raw).__name__}")
            records.extend(record for record in raw if isinstance(record, dict))
        return records

    def person(self, message: dict[str, Any]) -> str:
        profile = message.get("user_profile")
        if isinstance(profile, dict):
            name = profile.get("real_name") or profile.get("display_name")
            if isinstance(name, str) and name:
                return name
        user = message.get("user")
        if isinstance(user, str):
            return self.users.get(user, user)
        return "unknown"

    def plain_text(self, text: str) -> str:
        """Slack's markup as a person would read it: mentions by name, links with their label."""

        def replace_markup(inside: str) -> str:
            target, _, label = inside.partition("|")
            if target.startswith("@"):
                return "@" + (self.users.get(target[1:]) or label or target[1:])
            if target.startswith("#"):
                return "#" + (self.channels.get(target[1:]) or label or target[1:])
            if target.startswith("!"):
                # <!here>, <!channel>, <!subteam^ID|@team>, <!date^...|fallback text>
                return label or "@" + target[1:].split("^")[0]
            if target.startswith("mailto:"):
                return label or target.removeprefix("mailto:")
            return f"{label} ({target})" if label and label != target else target

        # Slack's own marks and emoji only outside <...>: a URL may well hold "_" or ":".
        pieces = MARKUP.split(text)  # text, markup, text, markup, ..., text
        return html.unescape("".join(replace_markup(piece) if index % 2 else _marks_and_emoji(piece)
                                     for index, piece in enumerate(pieces)))


def _marks_and_emoji(text: str) -> str:
    """*bold*, _italic_ and ~strike~ as plain words; :emoji: shortcodes as the emoji (unknown ones
    stay as typed, which reads fine); skin tones dropped."""
    text = SKIN_TONE.sub("", text)
    text = EMOJI_CODE.sub(lambda match: EMOJI.get(match.group(1), match.group()), text)
    return TEXT_MARK.sub(lambda match: match.group(2), text)


def _instant(message: dict[str, Any], where: str) -> dt.datetime:
    ts = message.get("ts")
    match = SLACK_TIMESTAMP.fullmatch(ts) if isinstance(ts, str) else None
    if match is None:
        raise SourceError(f'{where}: ts: expected a Slack timestamp like "1709651520.000200", got {ts!r}')
    try:
        instant = dt.datetime.fromtimestamp(int(match.group(1)), dt.UTC)
    except (OverflowError, OSError, ValueError):
        raise SourceError(f"{where}: ts: {ts} is not a time (out of range)") from None
    return checked_instant(instant, f"{where}: ts")


def _shared_files(message: dict[str, Any]) -> str:
    """What a message with no text but attachments says: "shared a file: TITLE"."""
    files = message.get("files")
    titles = [file.get("title") or file.get("name") for file in files if isinstance(file, dict)] \
        if isinstance(files, list) else []
    titles = [title for title in titles if isinstance(title, str) and title.strip()]
    if not titles:
        return ""
    return ("shared a file: " if len(titles) == 1 else "shared files: ") + ", ".join(titles)


def _spoken(message: dict[str, Any]) -> bool:
    subtype = message.get("subtype")
    return not message.get("bot_id") and (subtype is None or (isinstance(subtype, str) and subtype in SPOKEN_SUBTYPES))


def _day_events(day: ExportPath, channel: str, directory: Directory) -> list[TimelineEvent]:
    messages = _json(day)
    if not isinstance(messages, list):
        raise SourceError(f"{day}: expected a list of messages, got {type(messages).__name__}")
    events: list[TimelineEvent] = []
    for index, message in enumerate(messages):
        where = f"{day}: message {index}"
        if not isinstance(message, dict):
            raise SourceError(f"{where}: expected a message object, got {type(message).__name__}")
        if not _spoken(message):
            continue
        text = message.get("text")
        text = directory.plain_text(text).strip() if isinstance(text, str) else ""
        text = text or _shared_files(message)
        if not text:
            continue
        events.append(new_event(_instant(message, where), f"{directory.person(message)}: {text}",
                                f"Slack #{channel}", where))
    return events


def _channels(root: ExportPath, source: Path) -> tuple[dict[str, list[ExportPath]], Directory]:
    """Channel name -> its day files, for whichever part of an export `root` is."""
    if root.is_file():
        if not DAY_FILE.fullmatch(root.name):
            raise SourceError(f"{source}: not a Slack export (expected a folder, a .zip or a YYYY-MM-DD.json day file)")
        return {source.parent.name: [root]}, Directory(source.parent.parent)
    days = _day_files(root)
    if days:  # one channel's folder; the export around it may name the people
        return {root.name: days}, Directory(source.parent if isinstance(root, Path) else None)
    subfolders = [child for child in root.iterdir() if child.is_dir() and child.name != "__MACOSX"]
    channels = {folder.name: days for folder in subfolders if (days := _day_files(folder))}
    if channels:
        return channels, Directory(root)
    if len(subfolders) == 1 and not root.joinpath("channels.json").is_file():
        # Unpacked and zipped again: the whole export sits in one top-level folder.
        return _channels(subfolders[0], source)
    raise SourceError(f"{source}: no Slack channel folders (folders of YYYY-MM-DD.json files) in it")


def _read(root: ExportPath, source: Path, channel: str | None) -> list[TimelineEvent]:
    channels, directory = _channels(root, source)
    if channel is not None:
        wanted = channel.removeprefix("#")
        if wanted not in channels:
            raise SourceError(f"{source}: no channel #{wanted} in this export (channels: "
                              f"{', '.join('#' + name for name in sorted(channels))})")
        channels = {wanted: channels[wanted]}
    elif len(channels) > 1:  # a whole workspace would flood the timeline
        raise ChannelNeeded(f"{source}: {len(channels)} channels in this export; choose one with --channel "
                            f"(channels: {', '.join('#' + name for name in sorted(channels))})", sorted(channels))
    events: list[TimelineEvent] = []
    for name in sorted(channels):
        for day in channels[name]:
            events.extend(_day_events(day, name, directory))
    return events


def read_slack_export(source: Path, *, channel: str | None = None) -> list[TimelineEvent]:
    if source.suffix.lower() == ".zip" and source.is_file():
        try:
            bundle = zipfile.ZipFile(source)
        except (zipfile.BadZipFile, OSError) as exc:
            raise SourceError(f"{source}: not a readable .zip file ({exc})") from None
        with bundle:
            return _read(ZipEntry(ZipExport(bundle, source)), source, channel)
    if not source.exists():
        raise SourceError(f"{source}: no such file or folder")
    return _read(source, source, channel)
