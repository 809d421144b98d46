"""The built site opened straight from disk (file://), with no server at all."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_reader_can_browse_follow_a_moment_and_search_from_disk(site_dir, page):
    root = site_dir.as_uri()
    page.goto(f"{root}/index.html")
    page.click("main a[href*='ilya-sutskever-age-of-research']")
    assert page.url == f"{root}/ilya-sutskever-age-of-research/index.html"
    page.click("main a[href*='research-taste']")
    assert page.url == f"{root}/ilya-sutskever-age-of-research/research-taste/index.html"
    assert page.locator("h1").inner_text() == "Research taste"

    # a moment on another chapter: the redirect lands on that chapter's index.html
    page.goto(f"{root}/ilya-sutskever-age-of-research/explaining-model-jaggedness/index.html#t=1:02:16")
    page.wait_for_url("**/how-to-think-about-powerful-agis/index.html#t=1:02:16")
    moment = page.locator(".passage.is-moment")
    assert moment.count() == 1
    assert float(moment.get_attribute("data-start")) <= 3736 < float(moment.get_attribute("data-start")) + 90

    # search reads its data without fetch(), and results open the passage
    page.fill("#site-search", "AlexNet")
    page.press("#site-search", "Enter")
    page.wait_for_url("**/search/index.html?q=AlexNet")
    results = page.locator("#search-results a")
    results.first.wait_for()
    results.first.click()
    assert "/index.html#t" in page.url


def test_links_opened_in_a_new_tab_from_disk_open_pages_not_folder_listings(site_dir, page):
    """QA25b: a middle click or "Open link in new tab" read the link as written, ".../research-taste/",
    a folder's file listing from disk; only a left click was pointed at its index.html."""
    root = site_dir.as_uri()
    page.goto(f"{root}/ilya-sutskever-age-of-research/index.html")
    folders = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href).filter(h => h.startsWith('file:') && h.split('#')[0].endsWith('/'))")
    assert folders == []
    assert page.eval_on_selector_all("a[href^='#']", "as => as.length") > 0  # in-page links stay as written
    # a result made later, opened from the context menu
    page.goto(f"{root}/search/index.html?q=AlexNet")
    first = page.locator("#search-results a").first
    first.wait_for()
    first.dispatch_event("contextmenu")
    assert first.get_attribute("href").split("#")[0].endswith("/index.html")
