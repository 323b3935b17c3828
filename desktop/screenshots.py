"""``make screenshots``: one PNG per page and per import-wizard step, from real widgets offscreen.

Runs in a throw-away data folder: the sample shop is imported through the wizard (so its steps
are pictured with real data), then every page is shown, in English and once in Chinese.

    python -m desktop.screenshots screenshots [--size 1366x768]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtWidgets import QApplication, QWidget

from desktop.app import create_application, install_translators
from desktop.resources import sample_orders
from desktop.tasks import TaskRunner
from engine.config import HOME_ENV, app_paths, load_settings, save_settings
from engine.services.context import AppContext


def pause(milliseconds: int) -> None:
    """Keep the window painting while background tasks run.

    ``QTest.qWait`` keeps Python's GIL while Qt sleeps, so a worker thread only gets to run
    between waits (measured: the wizard's check crawled at ~11% of a core); sleeping in Python
    releases it.
    """
    deadline = time.monotonic() + milliseconds / 1000
    while True:
        QApplication.processEvents()
        left = deadline - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(left, 0.01))


def settle(runner: TaskRunner, timeout: float = 120.0) -> None:
    """Let background tasks finish and the window repaint before taking a picture."""
    deadline = time.monotonic() + timeout
    pause(100)
    while runner.running_tasks() and time.monotonic() < deadline:
        pause(50)
    pause(150)


def wait_for(condition: Callable[[], bool], timeout: float = 300.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not reach the expected state")
        pause(50)


class Camera:
    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.count = 0
        out_dir.mkdir(parents=True, exist_ok=True)

    def shoot(self, widget: QWidget, name: str) -> Path:
        self.count += 1
        path = self.out_dir / f"{self.count:02d}-{name}.png"
        widget.grab().save(str(path))
        print(path, file=sys.stderr)
        return path


def shoot_wizard(window: object, camera: Camera) -> None:
    """The import wizard on the sample shop: every step, as the merchant sees it."""
    from desktop.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.open_import_wizard()
    wizard = window.pages["import"].wizard
    assert wizard is not None
    wizard.files_page.files.add_paths([sample_orders()])
    camera.shoot(wizard, "wizard-1-files")
    wizard.next()
    wait_for(wizard.detect_page.isComplete)
    settle(window.runner)
    camera.shoot(wizard, "wizard-2-detected")
    wizard.next()
    settle(window.runner)
    camera.shoot(wizard, "wizard-3-check")
    wizard.next()
    wait_for(lambda: wizard.run_page.bar.value() > 0 or wizard.currentPage() is wizard.result_page)
    camera.shoot(wizard, "wizard-4-importing")
    wait_for(lambda: wizard.currentPage() is wizard.result_page)
    settle(window.runner)
    camera.shoot(wizard, "wizard-5-result")
    wizard.accept()
    settle(window.runner)


DAMAGED_ROWS = {3: ("Lineitem quantity", "a few"), 8: ("Lineitem price", "twelve"),
                15: ("Lineitem quantity", "")}  # fmt: skip
"""Data rows of the sample's first lines spoiled on purpose, to picture rejected rows."""


def damaged_sample(folder: Path, rows: int = 60) -> Path:
    """The sample's first ``rows`` rows with :data:`DAMAGED_ROWS` spoiled: what a hand-edited
    export looks like. Imported after the sample, the rest are duplicates."""
    with sample_orders().open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        body = [row for _, row in zip(range(rows), reader, strict=False)]
    for index, (column, value) in DAMAGED_ROWS.items():
        body[index][header.index(column)] = value
    path = folder / "orders_edited_by_hand.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *body])
    return path


def shoot_rejected_check(window: object, camera: Camera, folder: Path) -> None:
    """The wizard's check step on a file with damaged rows: the dry run lists them."""
    from desktop.main_window import MainWindow

    assert isinstance(window, MainWindow)
    window.open_import_wizard()
    wizard = window.pages["import"].wizard
    assert wizard is not None
    wizard.files_page.files.add_paths([damaged_sample(folder)])
    wizard.next()
    wait_for(wizard.detect_page.isComplete)
    wizard.next()
    wait_for(wizard.check_page.isComplete)
    settle(window.runner)
    camera.shoot(wizard, "wizard-3-check-rejected-rows")
    wizard.reject()
    settle(window.runner)


def prepare_demo(ctx: AppContext, progress: object, cancel: object) -> None:
    """Profiles (one quick training epoch), segments, one audience and a SIMULATED ad report
    (the sample shop has no ad account), through the services."""
    from engine.progress import CancelToken
    from engine.services.evaluation import demo_evaluate
    from engine.services.profiling import build_profiles
    from engine.services.targeting import build_audience, segments

    build_profiles(ctx, epochs=1)
    segments(ctx)
    build_audience(ctx, segment="champions")
    demo_evaluate(ctx, lambda fraction, message: None, CancelToken())


def shoot_audiences(window: object, camera: Camera) -> None:
    """The audiences page with the newest audience open, then the back-test's lift chart."""
    from desktop.main_window import MainWindow

    assert isinstance(window, MainWindow)
    page = window.pages["audiences"]
    window.show_page("audiences")
    settle(window.runner)
    page.audiences.setCurrentRow(0)
    settle(window.runner)
    camera.shoot(window, "page-audiences")
    page.tabs.setCurrentIndex(1)
    page.backtest()
    settle(window.runner, timeout=600)
    camera.shoot(window, "page-audiences-backtest")


def shoot_customer_reasons(window: object, camera: Camera) -> None:
    """The best customer's "why targeted" tab: their segment, next order and audiences."""
    from desktop.main_window import MainWindow

    assert isinstance(window, MainWindow)
    page = window.pages["customers"]
    window.show_page("customers")
    settle(window.runner)
    page.detail.tabs.setCurrentIndex(2)
    settle(window.runner)
    camera.shoot(window, "page-customers-why-targeted")


def shoot_performance(window: object, camera: Camera) -> None:
    """Performance with the A/B comparison of the first two ads explained."""
    from desktop.main_window import MainWindow

    assert isinstance(window, MainWindow)
    page = window.pages["performance"]
    window.show_page("performance")
    settle(window.runner)
    page.compare()
    settle(window.runner)
    camera.shoot(window, "page-performance-ab")


def shoot_studio(window: object, camera: Camera) -> None:
    """The Ad studio after writing copy for the two best sellers with the bundled model."""
    from desktop.main_window import MainWindow

    assert isinstance(window, MainWindow)
    page = window.pages["studio"]
    window.show_page("studio")
    settle(window.runner)
    page.product.set_chosen(page.product.offered_ids()[:2])
    page.generate()
    settle(window.runner, timeout=900)
    camera.shoot(window, "page-studio-generated")


def shoot_pages(
    window: object, camera: Camera, prefix: str = "", keys: list[str] | None = None
) -> None:
    from desktop.main_window import MainWindow

    assert isinstance(window, MainWindow)
    for key in keys or list(window.pages):
        window.show_page(key)
        settle(window.runner)
        camera.shoot(window, f"{prefix}page-{key}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--size", default="1366x768", help="window size, WIDTHxHEIGHT")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.lower().split("x"))
    home = Path(tempfile.mkdtemp(prefix="pinpoint-screenshots-"))
    os.environ[HOME_ENV] = str(home)
    app = create_application("en")
    app.setOrganizationName("PinpointScreenshots")  # keep the user's window geometry untouched
    from desktop.main_window import MainWindow

    camera = Camera(args.out_dir)
    ctx = AppContext(app_paths(home))
    window = MainWindow(ctx)
    window.resize(QSize(width, height))
    window.show()
    settle(window.runner)
    camera.shoot(window, "page-welcome")
    shoot_wizard(window, camera)
    shoot_rejected_check(window, camera, home)
    window.runner.start("Preparing the demo", lambda p, c: prepare_demo(ctx, p, c), writes=True)
    settle(window.runner, timeout=900)
    window.welcome.data_changed.emit()
    shoot_pages(window, camera, keys=[k for k in window.pages if k not in ("welcome", "audiences")])
    shoot_audiences(window, camera)
    shoot_customer_reasons(window, camera)
    shoot_performance(window, camera)
    shoot_studio(window, camera)
    window.close()

    settings = load_settings(ctx.paths)
    settings.language = "zh_CN"  # as after choosing 简体中文 in Settings and restarting
    save_settings(ctx.paths, settings)
    translators = install_translators(app, "zh_CN")
    chinese = MainWindow(AppContext(app_paths(home)))
    chinese.resize(QSize(width, height))
    chinese.show()
    settle(chinese.runner)
    shoot_pages(chinese, camera, prefix="zh_CN-", keys=[k for k in chinese.pages if k != "welcome"])
    chinese.close()
    for translator in translators:
        QCoreApplication.removeTranslator(translator)
    print(f"{camera.count} screenshots in {args.out_dir} (data folder {home})", file=sys.stderr)
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
