"""The static site opens from disk with no network: figures shown, widgets drawn from their saved state."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_site_works_from_disk_offline(browser, tmp_path):
    out = tmp_path / "site"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--out", str(out),
                    str(ROOT / "notebooks" / "01_dose_and_plasma_levels.ipynb")], check=True, cwd=ROOT)
    context = browser.new_context(offline=True)
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto((out / "index.html").as_uri())
    assert "sliders need a live kernel" in page.inner_text("body").lower()
    page.click("text=01 · Dose and plasma levels")
    page.locator("figure img").first.wait_for(state="visible", timeout=30_000)
    assert page.locator("figure img").count() >= 2
    assert page.locator("figcaption").count() >= 2  # every figure has a text description
    page.locator(".widget-slider").first.wait_for(state="visible", timeout=30_000)  # from the saved widget state
    assert "sliders need a live kernel" in page.inner_text("body")
    page.click("text=glossary")  # the notebooks' glossary link leads to the site's own page
    assert "Glossary" in page.inner_text("h1") and "EC50" in page.inner_text("body")
    assert all(url.startswith(("file://", "data:", "blob:")) for url in requests), \
        [u for u in requests if not u.startswith(("file://", "data:", "blob:"))]
    context.close()
