"""Commands about faces: enroll, identify, run a video, liveness, evaluation and the benchmark."""

from __future__ import annotations

import argparse
import logging
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.cli.common import emit, open_repo, operator_name, parse_start, settings_for
from kiosk.errors import InputError
from kiosk.storage.models import Direction

log = logging.getLogger("kiosk.cli")


def cmd_enroll(args: argparse.Namespace) -> int:
    from kiosk.engine import create_analyzer
    from kiosk.enrollment.session import save_enrollment, templates_from_images
    from kiosk.storage.employees import CodeTakenError

    if not args.consent:
        raise InputError("enrolling a face needs the employee's consent; ask them, then add --consent")
    settings = settings_for(args)
    templates = templates_from_images(create_analyzer(settings), args.images)  # all vision before any write
    _path, repo = open_repo(args, "create")
    with repo:
        try:
            employee = save_enrollment(
                repo, code=args.code, name=args.name, department=args.department, templates=templates,
                consent_at=datetime.now().astimezone(), replace=args.replace, force=args.force,
                policy=settings.match_policy, actor=f"cli:{operator_name()}",
            )
        except CodeTakenError as taken:
            owner = taken.owner
            raise InputError(
                f"code {owner.code} already belongs to {owner.name}; choose another code, "
                "or add --replace to re-enroll them with these photos"
            ) from None
    print(f"enrolled {employee.name} ({employee.code}) with {len(templates)} templates")
    return 0


def cmd_identify(args: argparse.Namespace) -> int:
    from kiosk.engine import create_analyzer
    from kiosk.matching import Matcher
    from kiosk.vision.image import load_rgb

    rgb = load_rgb(args.image)
    _path, repo = open_repo(args, "read")
    with repo:
        settings = settings_for(args)
        analyzer = create_analyzer(settings)
        faces = analyzer.analyze_still(rgb)
        if not faces:
            raise InputError(f"no face found in {args.image}")
        face = max(faces, key=lambda f: f.box.area)
        match = Matcher(repo.templates.gallery(), settings.match_policy).identify(analyzer.encode(rgb, face))
        employee = repo.employees.get(match.accepted_id) if match.accepted_id is not None else None
    payload = {
        "accepted": employee is not None,
        "employee_code": employee.code if employee else None,
        "name": employee.name if employee else None,
        "distance": None if match.employee_id is None else round(match.distance, 4),
        "margin": None if match.margin is None else round(match.margin, 4),
        "faces": len(faces),
    }
    text = f"{employee.name} ({employee.code}), distance {match.distance:.3f}" if employee else "unknown"
    emit(args, payload, text)
    return 0


def cmd_run_video(args: argparse.Namespace) -> int:
    from kiosk.camera import FrameSource
    from kiosk.engine import EventKind
    from kiosk.wiring import create_engine

    start = parse_start(args.start)
    _path, repo = open_repo(args, "write")
    elapsed = [0.0]
    with repo, FrameSource(Path(args.video)) as source:
        settings = settings_for(args, repo)
        engine = create_engine(repo, settings, clock=lambda: start + timedelta(seconds=elapsed[0]))
        for frame in source.frames():
            elapsed[0] = frame.timestamp
            for event in engine.process(frame).events:
                if event.kind not in (EventKind.CHECKED_IN, EventKind.CHECKED_OUT) or event.employee is None:
                    continue
                kind = Direction.IN if event.kind is EventKind.CHECKED_IN else Direction.OUT
                payload = {
                    "type": kind,
                    "employee_code": event.employee.code,
                    "name": event.employee.name,
                    "frame": event.frame_index,
                    "distance": event.distance,
                    "live": event.live,
                }
                who = f"{event.employee.name} ({event.employee.code})"
                emit(args, payload, f"frame {event.frame_index}: {who} checked {kind}")
    return 0


def cmd_liveness(args: argparse.Namespace) -> int:
    import random

    from kiosk.tools.evaluation import first_face_frame, follow_video, liveness_report, play_challenge
    from kiosk.vision.challenge import draw_movements

    steps = list(follow_video(Path(args.video), settings=settings_for(args)))
    report = liveness_report(steps)
    payload: dict[str, object] = {
        "live": report.live,
        "blinks": report.blinks,
        "frames": report.frames,
        "decided_at_frame": report.decided_at_frame,
    }
    verdict = f"live (blink at frame {report.decided_at_frame})" if report.live else "not live: no blink seen"
    text = f"{verdict}; {report.blinks} blinks in {report.frames} frames"
    if args.challenge is not None:
        start = report.decided_at_frame if args.challenge_mode == "after_blink" else first_face_frame(steps)
        outcome = play_challenge(steps, draw_movements(random.Random(args.challenge)), start)
        payload["challenge"] = outcome.to_json()
        payload["challenge_passed"] = outcome.passed
        asked = ", ".join(
            f"{movement.value} at frame {frame}" if frame is not None else f"{movement.value} never asked"
            for movement, frame in outcome.asked
        )
        text += f"; challenge {'passed' if outcome.passed else 'failed'} ({asked})"
    emit(args, payload, text)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from kiosk.tools.evaluation import evaluate_folder

    report = evaluate_folder(Path(args.folder), settings_for(args).replace(strictness=args.strictness))
    text = (f"tar {report.tar:.3f}  misid {report.misid:.3f}  far {report.far:.3f}  "
            f"({report.probes} genuine, {report.strangers} strangers, {report.no_face} without a face)")
    emit(args, report.to_json(), text)
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    if args.live:
        return _bench_live(args)
    if args.db:
        raise InputError("--db is only used with --live")
    from kiosk.tools.bench import run_bench

    report = run_bench(Path(args.video))
    text = (f"{report.frames} frames: pipeline {report.pipeline_fps} fps, naive {report.naive_fps} fps, "
            f"speedup {report.speedup}x; faces in {report.pipeline_face_frames} vs {report.naive_face_frames} frames; "
            f"1:N over 100k templates {report.match_ms_100k} ms")
    emit(args, report.to_json(), text)
    return 0


def _bench_live(args: argparse.Namespace) -> int:
    """The real app with the video as its camera; Qt is imported here only, never by the engine."""
    if not args.db:
        raise InputError("bench --live needs --db FILE: a database with the people in the video enrolled")
    video = Path(args.video)
    if not video.is_file():
        raise InputError(f"video not found: {video}")
    from kiosk.ui.tools.bench_live import run_live_bench

    report = run_live_bench(video, Path(args.db))
    checks = ", ".join(f"{e['type']} {e['employee_code']} at {e['at_s']} s" for e in report.events) or "no check-in"
    text = (f"{report.camera_frames} camera frames at {report.camera_fps} fps: analysed {report.analysed_fps} fps "
            f"({report.analysed_ratio:.1%}), preview {report.preview_fps} fps, dropped {report.dropped_frames}; "
            f"{checks}; {report.cpu_count} CPUs")
    emit(args, report.to_json(), text)
    return 0


