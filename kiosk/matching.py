"""Open-set 1:N matching: who is this, or nobody we know?

The rule, and why
-----------------
A fixed distance threshold cannot serve every population. On dlib's 128-d
encodings, news photos of different Western people sit 0.65+ apart, while
East-Asian webcam faces of *different* people sit as close as 0.35 (see
``kiosk evaluate`` on ``webcam/nuaa/live``), closer than many genuine pairs on
news photos (up to 0.5). A threshold of 0.6 accepts almost every stranger on
the webcam set; 0.4 rejects many genuine people on the photos.

What does separate them is *distinctiveness*: a genuine probe is much closer
to its own person than to anyone else, while a stranger lands about equally
close to two or more enrolled people. So a probe is accepted when both hold:

1. ``distance <= max_distance`` — an absolute ceiling (0.55 by default, just
   under face_recognition's customary 0.6), which on loose populations alone
   keeps strangers out;
2. ``distance / runner_up <= max_ratio`` — the ratio to the nearest *different*
   person (0.70 by default). Measured with ``kiosk evaluate`` on the shared
   sets (``benchmarks/leave_one_set_out.py``), genuine probes reach at most
   0.684 (webcam faces; 0.65 on the others), and strangers within the ceiling
   at least 0.79 (webcam) and 0.84 (greyscale Yale portraits, where 16 of 55
   stranger images come within the ceiling) with six to ten people enrolled.
   With fewer people enrolled the runner-up is a
   poorer impostor sample and strangers come closer: on ``webcam/nuaa/live``
   with every choice of two enrolled people, a ratio of 0.76 accepted about 5%
   of stranger images; 0.70 accepts 1.3% (0.1% with three people, none with
   four) and still 99.4–99.8% of genuine ones
   (``benchmarks/small_galleries.py``). So the default sits near the genuine
   edge of the gap, not in its middle: a genuine person refused on one frame is
   accepted on the next; a stranger accepted once is a false record.

The gallery calibrates itself: the runner-up distance is an impostor sample
from this very population, drawn at the moment of the decision. While fewer
than two people are enrolled there is no runner-up and nothing to calibrate
from, so the kiosk assumes the tightest population it knows: ``solo_runner_up``
(0.51) stands in for the runner-up, so a one-person gallery accepts only
within 0.70 × 0.51 ≈ 0.36, below the 1st percentile (0.39) of distances
between different people in the webcam set. A genuine person is then
sometimes asked to try again until a second person is enrolled; a stranger
is not let in.

Cost: one (N × 128) matrix–vector product and two minimum scans: a few
milliseconds for 100,000 templates (``kiosk bench`` reports it).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, eq=False)
class TemplateSet:
    """Every face template of every active employee, ready for vectorised matching.

    Row ``i`` of ``vectors`` (float32, shape (N, 128)) belongs to
    ``employee_ids[i]`` (int64, shape (N,)) and was taken at ``angles[i]``.
    """

    employee_ids: np.ndarray
    vectors: np.ndarray
    angles: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.angles)


@dataclass(frozen=True)
class MatchPolicy:
    """Thresholds of the open-set rule (distances are Euclidean on 128-d encodings)."""

    max_distance: float = 0.55
    max_ratio: float = 0.70
    solo_runner_up: float = 0.51


STRICTNESS: dict[str, MatchPolicy] = {
    "relaxed": MatchPolicy(max_distance=0.60, max_ratio=0.76),
    "normal": MatchPolicy(),
    "strict": MatchPolicy(max_distance=0.50, max_ratio=0.65),
}
"""Admin-facing strictness levels. "normal" is the default and is the only one
measured against the accuracy targets. "relaxed" accepts more genuine faces in
poor light but lets 6.7% of stranger images through when only two look-alike
people are enrolled; "strict" refuses more genuine faces (news-photo genuine pairs
reach 0.49, so some fall outside 0.50)."""


@dataclass(frozen=True)
class Match:
    """The result of one 1:N search.

    ``employee_id`` is the best candidate even when rejected (for logs and the
    duplicate check); ``accepted`` says whether the rule trusts it. ``margin``
    is ``runner_up - distance`` (None with fewer than two people enrolled).
    """

    employee_id: int | None
    distance: float
    runner_up: float | None
    accepted: bool

    @property
    def margin(self) -> float | None:
        return None if self.runner_up is None else self.runner_up - self.distance

    @property
    def accepted_id(self) -> int | None:
        return self.employee_id if self.accepted else None


NO_MATCH = Match(employee_id=None, distance=float("inf"), runner_up=None, accepted=False)


class Matcher:
    """Searches every template of every enrolled person (several per person)."""

    def __init__(self, templates: TemplateSet, policy: MatchPolicy | None = None) -> None:
        self.policy = policy or MatchPolicy()
        self._ids = np.asarray(templates.employee_ids, dtype=np.int64)
        self._vectors = np.ascontiguousarray(templates.vectors, dtype=np.float32).reshape(-1, 128)
        self._sq_norms = np.einsum("ij,ij->i", self._vectors, self._vectors)

    @property
    def size(self) -> int:
        """Number of templates."""
        return int(self._ids.shape[0])

    def identify(self, encoding: np.ndarray, exclude: int | None = None) -> Match:
        """Best person, their distance, the runner-up and the verdict.

        ``exclude`` leaves one employee out (used when re-enrolling someone, so
        their old templates do not count as a duplicate of themselves).
        Works on squared distances and takes square roots of the two minima
        only, which keeps a 100,000-template search to a few milliseconds.
        """
        if self.size == 0:
            return NO_MATCH
        query = np.asarray(encoding, dtype=np.float32).reshape(128)
        squared = self._sq_norms - 2.0 * (self._vectors @ query)
        ids = self._ids
        if exclude is not None:
            squared = np.where(ids == exclude, np.inf, squared)
        best = int(np.argmin(squared))
        if not np.isfinite(squared[best]):
            return NO_MATCH
        offset = float(query @ query)
        best_id = int(ids[best])
        best_distance = float(np.sqrt(max(float(squared[best]) + offset, 0.0)))
        second = float(np.where(ids == best_id, np.inf, squared).min())
        runner_up = float(np.sqrt(max(second + offset, 0.0))) if np.isfinite(second) else None
        return Match(
            employee_id=best_id,
            distance=best_distance,
            runner_up=runner_up,
            accepted=self._accepts(best_distance, runner_up),
        )

    def _accepts(self, distance: float, runner_up: float | None) -> bool:
        policy = self.policy
        if distance > policy.max_distance:
            return False
        reference = policy.solo_runner_up if runner_up is None else runner_up
        if reference <= 0.0:
            return False
        return distance / reference <= policy.max_ratio
