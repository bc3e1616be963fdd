// Comity works without this script; it only fills today's date into empty date fields of forms.
document.addEventListener("DOMContentLoaded", function () {
  var today = document.body.getAttribute("data-today");
  if (!today) { return; }
  document.querySelectorAll("form input[type=date][required]").forEach(function (input) {
    if (!input.value) { input.value = today; }
  });
});
