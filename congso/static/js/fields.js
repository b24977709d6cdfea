// Keyboard shortcuts of the field check form: Ctrl+Enter saves, Ctrl+Shift+Enter saves
// and opens the next document to check. The buttons work without this script.
document.querySelectorAll("[data-fields-form]").forEach((form) => {
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
    event.preventDefault();
    const which = event.shiftKey ? "next" : "save";
    form.querySelector(`[data-shortcut="${which}"]`).click();
  });
});
