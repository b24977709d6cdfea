// Small enhancements only: every form works without JavaScript.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.requestSubmit();
});
document.querySelectorAll("[data-autosubmit-button]").forEach((button) => {
  button.classList.add("visually-hidden");
});
