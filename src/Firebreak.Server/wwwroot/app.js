// Blazor follows links inside the app without reloading, so a menu popover would stay open over the page it opened.
document.addEventListener('click', event => {
  const link = event.target instanceof Element ? event.target.closest('[popover] a[href]') : null;
  if (link) {
    for (const open of document.querySelectorAll('[popover]:popover-open')) {
      open.hidePopover();
    }
  }
});

// "/" jumps to the page's search box, as on most sites with one; typed into a field it is just a slash.
document.addEventListener('keydown', event => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) {
    return;
  }

  const target = event.target instanceof Element ? event.target : null;
  if (target && (target.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])'))) {
    return;
  }

  const search = document.querySelector('[data-search]');
  if (search instanceof HTMLElement) {
    event.preventDefault();
    search.focus();
    if (search instanceof HTMLInputElement) {
      search.select();
    }
  }
});
