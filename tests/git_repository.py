"""A throwaway git repository for tests: fixed identities and dates, no user or system config."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitRepository:
    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        # The test's git must not read the machine's ~/.gitconfig (signing, hooks, aliases).
        self.env = {
            **os.environ,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_PAGER": "cat",
        }
        self.git("init", "--quiet", "--initial-branch=main")

    def git(self, *arguments: str, author: str = "Ana Lima <ana@example.com>", date: str = "2026-10-27T14:00:00+01:00") -> str:
        name, _, email = author.partition(" <")
        env = {
            **self.env,
            "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email.rstrip(">"), "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email.rstrip(">"), "GIT_COMMITTER_DATE": date,
        }
        result = subprocess.run(["git", *arguments], cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return result.stdout

    def commit(self, files: dict[str, str | bytes], message: str, **identity: str) -> None:
        for name, content in files.items():
            path = self.root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
            self.git("add", name)
        self.git("commit", "--quiet", "--allow-empty", "-m", message, **identity)
