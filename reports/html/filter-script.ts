/**
 * The report's only script, inline and allowed by its hash in the page's
 * Content-Security-Policy: it filters findings by severity (at or above),
 * rule and subject text, hides subjects left without a visible finding, and
 * says how many findings are shown. A link can carry a filter in its
 * fragment: `report.html#severity=high&rule=seccomp/required&subject=web`. It reads only data-* attributes the
 * report wrote and sets only `hidden` and one text node; it loads nothing.
 */
export const FILTER_SCRIPT = `
(() => {
  const order = ['info', 'low', 'medium', 'high', 'critical'];
  const severity = document.getElementById('filter-severity');
  const rule = document.getElementById('filter-rule');
  const subject = document.getElementById('filter-subject');
  const shown = document.getElementById('filter-shown');
  const apply = () => {
    const min = order.indexOf(severity.value);
    const wanted = subject.value.trim().toLowerCase();
    let visible = 0;
    for (const section of document.querySelectorAll('section.subject')) {
      const subjectMatches = !wanted || (section.dataset.subject || '').includes(wanted);
      let inSection = 0;
      for (const finding of section.querySelectorAll('article.finding')) {
        const keep = subjectMatches && order.indexOf(finding.dataset.severity) >= min && (!rule.value || finding.dataset.rule === rule.value);
        finding.hidden = !keep;
        if (keep) inSection++;
      }
      section.hidden = inSection === 0;
      visible += inSection;
    }
    shown.textContent = String(visible);
  };
  const initial = new URLSearchParams(location.hash.slice(1));
  if (order.includes(initial.get('severity'))) severity.value = initial.get('severity');
  if ([...rule.options].some((o) => o.value === initial.get('rule'))) rule.value = initial.get('rule');
  if (initial.get('subject')) subject.value = initial.get('subject');
  for (const control of [severity, rule, subject]) control.addEventListener('input', apply);
  apply();
})();
`;
