// Blazor follows links inside the app without reloading, so a menu popover would stay open over the page it opened.
document.addEventListener('click', event => {
  const link = event.target instanceof Element ? event.target.closest('[popover] a[href]') : null;
  if (link) {
    for (const open of document.querySelectorAll('[popover]:popover-open')) {
      open.hidePopover();
    }
  }
});
