(function () {
  "use strict";
  var inputs = Array.prototype.slice.call(document.querySelectorAll("input[data-filter]"));
  var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var rules = Array.prototype.slice.call(document.querySelectorAll(".rule"));
  var counter = document.getElementById("shown");
  var empty = document.getElementById("empty");

  function checked(kind) {
    var values = {};
    inputs.forEach(function (input) {
      if (input.dataset.filter === kind && input.checked) { values[input.value] = true; }
    });
    return values;
  }

  function apply() {
    var severities = checked("severity");
    var categories = checked("category");
    var newOnly = inputs.some(function (input) {
      return input.dataset.filter === "new" && input.checked;
    });
    var shownGroups = 0;
    var shownFindings = 0;
    var totalFindings = 0;
    findings.forEach(function (finding) {
      var count = Number(finding.dataset.count) || 1;
      var visible = Boolean(severities[finding.dataset.severity]) &&
        Boolean(categories[finding.dataset.category]) &&
        (!newOnly || finding.dataset.new === "true");
      finding.hidden = !visible;
      totalFindings += count;
      if (visible) { shownGroups += 1; shownFindings += count; }
    });
    rules.forEach(function (rule) {
      rule.hidden = !rule.querySelector(".finding:not([hidden])");
    });
    if (counter) {
      counter.textContent = "Showing " + shownGroups + " of " + findings.length +
        " problems (" + shownFindings + " of " + totalFindings + " findings)";
    }
    if (empty) { empty.hidden = shownGroups > 0 || findings.length === 0; }
  }

  inputs.forEach(function (input) { input.addEventListener("change", apply); });
  apply();
})();
