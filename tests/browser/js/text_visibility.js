// Is every part of each element really visible to a sighted reader?
// Argument: [[name, selector], ...]. Returns a list of problems (strings).
// Each text line is scrolled to the middle of the viewport and hit-tested with
// elementFromPoint, so clipping, covering, off-screen and zero-size tricks all show.
(targets) => {
  const problems = [];
  const viewportWidth = document.documentElement.clientWidth;
  const describe = (el) => el ? el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "") : "nothing";
  const alpha = (color) => {
    const m = color.match(/rgba?\(([^)]*)\)/);
    if (!m) return 1;
    const parts = m[1].split(/[\s,\/]+/).filter(Boolean);
    return parts.length > 3 ? parseFloat(parts[3]) : 1;
  };
  for (const [name, selector] of targets) {
    const el = document.querySelector(selector);
    if (!el) { problems.push(`${name} (${selector}) is not on the page`); continue; }
    const style = getComputedStyle(el);
    if (style.visibility !== "visible") problems.push(`${name} has visibility:${style.visibility}`);
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
    if (opacity < 1) problems.push(`${name} is see-through (opacity ${opacity.toFixed(2)})`);
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) {
      problems.push(`${name} is rendered with no size (${Math.round(box.width)}×${Math.round(box.height)} px)`);
      continue;
    }
    if (box.left < -0.5 || box.right > viewportWidth + 0.5)
      problems.push(`${name} sticks out of the ${viewportWidth} px viewport (${Math.round(box.left)} to ${Math.round(box.right)} px)`);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let lines = 0;
    const hiddenText = [];
    for (let node; (node = walker.nextNode());) {
      const text = node.data.trim();
      if (!text) continue;
      const cs = getComputedStyle(node.parentElement);
      if (cs.display === "none" || node.parentElement.closest("[hidden], [aria-hidden=true]")) continue;
      const snippet = JSON.stringify(text.slice(0, 40));
      if (alpha(cs.color) === 0 || alpha(cs.webkitTextFillColor || cs.color) === 0) { hiddenText.push(`${snippet} has transparent text`); continue; }
      if (cs.visibility !== "visible") { hiddenText.push(`${snippet} has visibility:${cs.visibility}`); continue; }
      const range = document.createRange();
      range.selectNodeContents(node);
      const count = range.getClientRects().length;
      let seen = false;
      for (let i = 0; i < count; i++) {
        let r = range.getClientRects()[i];
        if (r.width < 1 || r.height < 1) continue;
        seen = true;
        lines++;
        if (r.left < -0.5 || r.right > viewportWidth + 0.5) {
          hiddenText.push(`${snippet} is outside the viewport width`);
          break;
        }
        window.scrollBy(0, r.top + r.height / 2 - window.innerHeight / 2);
        r = range.getClientRects()[i];
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (!hit || !el.contains(hit)) {
          hiddenText.push(`${snippet} is covered by ${describe(hit)}`);
          break;
        }
      }
      if (!seen) hiddenText.push(`${snippet} is rendered with no size`);
    }
    if (lines === 0) problems.push(`${name}: none of its text is rendered`);
    problems.push(...hiddenText.slice(0, 3).map((p) => `${name}: ${p}`));
    if (hiddenText.length > 3) problems.push(`${name}: ${hiddenText.length - 3} more hidden text fragments`);
  }
  window.scrollTo(0, 0);
  return problems;
}
