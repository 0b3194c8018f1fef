"""What was sent: `DIR/email-ledger.json`, rewritten (atomically) after every sent message.

It is what makes sending idempotent: a crash between two messages loses
nothing. Only a message interrupted while the server was accepting it is
uncertain; it is not recorded, so it is retried (at worst it arrives twice).
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from analyser import atomic

FILE = "email-ledger.json"


class SentLedger:
    def __init__(self, out_dir: Path):
        self.path = Path(out_dir) / FILE
        try:
            self.entries: dict[str, dict] = json.loads(self.path.read_text(encoding="utf-8"))["sent"]
        except FileNotFoundError:
            self.entries = {}
        except (ValueError, KeyError) as error:
            from analyser.mailing.errors import MailError

            # Never guess: a damaged ledger could mean sending everything twice.
            raise MailError(f"damaged ({error}); fix or remove it knowing what was sent", path=str(self.path)) from None

    # Keyed by address, not by folder name: a folder name can change between
    # runs (two students with one name), an address is the recipient.
    def entry(self, address: str) -> dict | None:
        return self.entries.get(address.lower())

    def record(self, slug: str, address: str, message_id: str, report_sha: str) -> None:
        self.entries[address.lower()] = {
            "student": slug,
            "message_id": message_id,
            "report_sha256": report_sha,
            "sent_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        atomic.write_json(self.path, {"sent": self.entries})
