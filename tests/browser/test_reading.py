"""What a reader notices (issue #17): the opened menu panels' contrast, the 404 page on a
server that behaves like GitHub Pages, latest news high on phones and no story twice,
line length, image scaling and tap targets, and the small things (labels with state,
breadcrumbs, indicators, descriptions)."""

from __future__ import annotations

import pytest

from .helpers import NARROW, WIDE, axe_violations, url_for

# Contrast of an element's text over the first opaque background behind it (WCAG 2).
CONTRAST = """(el) => {
    const parse = c => { const m = c.match(/[\\d.]+/g).map(Number); return {r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1}; };
    const lum = ({r, g, b}) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
    let bg = null, opacity = 1;
    for (let n = el; n; n = n.parentElement) {
        const s = getComputedStyle(n);
        opacity *= parseFloat(s.opacity);
        const c = parse(s.backgroundColor);
        if (!bg && c.a >= 0.99) bg = c;
    }
    bg = bg || {r: 255, g: 255, b: 255};
    const fg = parse(getComputedStyle(el).color);
    const a = fg.a * opacity;
    const mixed = {r: fg.r * a + bg.r * (1 - a), g: fg.g * a + bg.g * (1 - a), b: fg.b * a + bg.b * (1 - a)};
    const [l1, l2] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
    return {text: el.textContent.trim(), ratio: (l1 + 0.05) / (l2 + 0.05), color: getComputedStyle(el).color};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_opened_menu_panels_keep_contrast(scheme, http_base, visit):
    with visit(url_for(http_base, "index.html"), width=WIDE, color_scheme=scheme) as v:
        page = v.page
        page.wait_for_selector(".nav-latest li", state="attached", timeout=5000)
        items = page.locator(".nav-menu > li:has(> .nav-panel)")
        assert items.count() >= 2
        for i in range(items.count()):
            item = items.nth(i)
            for how in ("hover", "focus"):
                if how == "hover":
                    item.hover()
                else:
                    page.mouse.move(5, 880)
                    item.locator("> a").focus()
                panel = item.locator(".nav-panel")
                assert panel.is_visible(), (i, how)
                links = panel.locator("a:visible")
                assert links.count() > 0
                for j in range(links.count()):
                    found = links.nth(j).evaluate(CONTRAST)
                    assert found["ratio"] >= 4.5, (scheme, how, found)
                report = axe_violations(page, {"runOnly": ["color-contrast"],
                                               "resultTypes": ["violations"]})
                assert not report, report
            page.keyboard.press("Escape")
