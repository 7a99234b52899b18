"""Near-duplicate detection: MinHash signatures of word shingles in an LSH index (datasketch).

Syndicated and lightly edited copies of one story share most of their five-word shingles; their estimated
Jaccard similarity passes :data:`THRESHOLD` and the later copy is linked to the earlier, canonical document.
"""

from __future__ import annotations

import re

import numpy as np
from datasketch import MinHash, MinHashLSH
from sqlalchemy import Connection, select

from oversight.store.rows import insert_ignore
from oversight.store.tables import document_minhash

NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one scheme
_DTYPE = np.uint32
THRESHOLD = 0.7
SHINGLE = 5
_WORD = re.compile(r"\w+")


def signature(text: str) -> MinHash:
    """The MinHash of a text's five-word shingles (case-folded)."""
    words = _WORD.findall(text.casefold())
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 1))}
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash


class NearDuplicateIndex:
    """The signatures of every canonical document, loaded once per run and kept in step with new documents."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}

    @classmethod
    def load(cls, connection: Connection) -> NearDuplicateIndex:
        """The index of the signatures stored in the database."""
        index = cls()
        for document_id, blob in connection.execute(select(document_minhash)):
            values = np.frombuffer(blob, dtype=_DTYPE)
            index._add(document_id, MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME))
        return index

    def match(self, minhash: MinHash) -> str | None:
        """The most similar indexed document above the threshold, or None."""
        candidates = self._lsh.query(minhash)
        best = max(candidates, key=lambda d: (minhash.jaccard(self._signatures[d]), d), default=None)
        if best is None or minhash.jaccard(self._signatures[best]) < THRESHOLD:
            return None
        return str(best)

    @staticmethod
    def save(connection: Connection, document_id: str, minhash: MinHash) -> None:
        """Store a canonical document's signature (in the document's own transaction)."""
        blob = np.asarray(minhash.hashvalues, dtype=_DTYPE).tobytes()
        insert_ignore(connection, document_minhash, [{"document_id": document_id, "signature": blob}])

    def remember(self, document_id: str, minhash: MinHash) -> None:
        """Index a canonical document once its transaction has committed."""
        self._add(document_id, minhash)

    def _add(self, document_id: str, minhash: MinHash) -> None:
        if document_id not in self._signatures:
            self._lsh.insert(document_id, minhash)
            self._signatures[document_id] = minhash
