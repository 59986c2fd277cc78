// Runs inside the rendered page (never outside the browser sandbox).
// 1. Marks what the browser shows and hides, as attributes the static
//    gatherers already read: data-sitelint-hidden="reason" on the topmost
//    hidden element of a subtree, data-sitelint-font-size on small text.
// 2. Describes a cookie/consent banner on the first layer, if there is one.
// 3. Reads countdown-like timers (hh:mm:ss) for the reset check.
(options) => {
  const TIME = /\b(\d{1,2}):([0-5]\d):([0-5]\d)\b|\b([0-5]?\d):([0-5]\d)\b/;
  const docWidth = Math.max(document.documentElement.scrollWidth, window.innerWidth);

  function cssPath(el) {
    const parts = [];
    while (el && el.nodeType === 1 && el.tagName.toLowerCase() !== "html") {
      const tag = el.tagName.toLowerCase();
      if (el.id && /^[A-Za-z][\w-]*$/.test(el.id)) { parts.push(tag + "#" + el.id); break; }
      if (tag === "body") { parts.push("body"); break; }
      const siblings = Array.from(el.parentElement ? el.parentElement.children : []).filter(s => s.tagName === el.tagName);
      parts.push(siblings.length > 1 ? `${tag}:nth-of-type(${siblings.indexOf(el) + 1})` : tag);
      el = el.parentElement;
    }
    return parts.reverse().join(" > ");
  }

  function parseColor(value) {
    const m = value && value.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(",").map(s => parseFloat(s));
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  }

  function background(el) {
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const c = parseColor(getComputedStyle(node).backgroundColor);
      if (c && c.a > 0.95) return c;
      if (getComputedStyle(node).backgroundImage !== "none") return null;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  }

  function hasOwnText(el) {
    for (const child of el.childNodes) {
      if (child.nodeType === 3 && child.textContent.trim()) return true;
    }
    return false;
  }

  function hiddenReason(el, style) {
    if (style.display === "none") return "display:none (computed)";
    if (style.visibility === "hidden" || style.visibility === "collapse") return "visibility:hidden (computed)";
    if (parseFloat(style.opacity) === 0) return "opacity:0 (computed)";
    const rect = el.getBoundingClientRect();
    const clipsContent = style.overflow === "hidden" || style.overflow === "clip";
    if (clipsContent && (rect.width <= 1 || rect.height <= 1)) return "zero size (computed)";
    if (style.clip === "rect(0px, 0px, 0px, 0px)" || style.clipPath === "inset(50%)") return "clipped (computed)";
    if (rect.width > 0 && (rect.right + window.scrollX <= 0 || rect.bottom + window.scrollY <= 0 || rect.left > docWidth + 200)) {
      return "off-screen (computed)";
    }
    if (parseFloat(style.fontSize) === 0 && hasOwnText(el)) return "font-size:0 (computed)";
    if (hasOwnText(el)) {
      const fg = parseColor(style.color), bg = background(el);
      if (fg && bg && fg.a > 0.95 && Math.abs(fg.r - bg.r) + Math.abs(fg.g - bg.g) + Math.abs(fg.b - bg.b) < 12) {
        return "text colour equals its background (computed)";
      }
    }
    return null;
  }

  // 1. Visibility, walking down so that only the topmost hidden element is marked.
  const stack = [[document.body, false]];
  let marked = 0;
  while (stack.length) {
    const [el, insideHidden] = stack.pop();
    if (!el || el.nodeType !== 1) continue;
    const tag = el.tagName.toLowerCase();
    if (tag === "script" || tag === "style" || tag === "noscript" || tag === "template") continue;
    let hidden = insideHidden;
    if (!insideHidden) {
      const style = getComputedStyle(el);
      const reason = hiddenReason(el, style);
      if (reason) { el.setAttribute("data-sitelint-hidden", reason); hidden = true; marked++; }
      else if (hasOwnText(el)) {
        const size = parseFloat(style.fontSize);
        if (size && size < 12) el.setAttribute("data-sitelint-font-size", String(size));
      }
    }
    for (let i = el.children.length - 1; i >= 0; i--) stack.push([el.children[i], hidden]);
  }

  // 2. The consent banner on the first layer.
  const words = Object.fromEntries(Object.entries(options.words).map(([k, v]) => [k, new RegExp(v, "iu")]));
  const match = (text, pattern) => pattern.test(text);
  const visible = el => {
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    return s.display !== "none" && s.visibility !== "hidden" && parseFloat(s.opacity) > 0 && r.width > 0 && r.height > 0;
  };
  let banner = null;
  const candidates = Array.from(document.querySelectorAll(options.bannerSelectors.join(",") + ",[role=dialog],[aria-modal=true],div,section,aside,footer,form"))
    .filter(el => {
      const s = getComputedStyle(el);
      const known = el.matches(options.bannerSelectors.join(","));
      const floating = s.position === "fixed" || s.position === "sticky" || el.matches("[role=dialog],[aria-modal=true]");
      if (!(known || floating) || !visible(el)) return false;
      const text = (el.innerText || "").toLowerCase();
      return text.length < 3000 && match(text, words.banner);
    });
  // The innermost candidate that still holds the buttons.
  candidates.sort((a, b) => (a.innerText || "").length - (b.innerText || "").length);
  for (const el of candidates) {
    const controls = Array.from(el.querySelectorAll("button, a, [role=button], input[type=button], input[type=submit]")).filter(visible);
    const describe = c => {
      const r = c.getBoundingClientRect();
      const text = (c.innerText || c.value || c.getAttribute("aria-label") || "").trim().replace(/\s+/g, " ");
      const isLink = c.tagName === "A" && c.getAttribute("role") !== "button";
      return { text: text.slice(0, 80), selector: cssPath(c), is_link: isLink, area: Math.round(r.width * r.height) };
    };
    const all = controls.map(describe).filter(c => c.text);
    const low = c => c.text.toLowerCase();
    const reject = all.filter(c => match(low(c), words.reject));
    const accept = all.filter(c => match(low(c), words.accept) && !reject.includes(c));
    const settings = all.filter(c => match(low(c), words.settings) && !reject.includes(c) && !accept.includes(c));
    if (accept.length || reject.length) {
      banner = {
        selector: cssPath(el),
        text: (el.innerText || "").trim().replace(/\s+/g, " ").slice(0, 300),
        accept, reject, settings,
      };
      break;
    }
  }

  // 3. Countdown-like timers.
  const countdowns = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
  for (let el = walker.currentNode; el; el = walker.nextNode()) {
    if (el.children.length > 3 || !visible(el)) continue;
    const text = (el.innerText || "").trim();
    if (text.length > 40) continue;
    const m = text.match(TIME);
    if (!m) continue;
    const seconds = m[1] !== undefined ? (+m[1]) * 3600 + (+m[2]) * 60 + (+m[3]) : (+m[4]) * 60 + (+m[5]);
    countdowns.push({ selector: cssPath(el), text, seconds });
    if (countdowns.length >= 5) break;
  }
  // Keep the innermost: drop an element whose descendant was also found.
  const innermost = countdowns.filter(c => !countdowns.some(o => o !== c && o.selector.startsWith(c.selector + " > ")));

  return { marked, banner, countdowns: innermost };
}
