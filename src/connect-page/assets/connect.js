// The connect page works without this script; it only helps: it moves focus to a
// message, asks before unlinking, prevents double submits, hides pictures that do not
// load, and closes a popup on "Done" when there is nowhere to go.
(() => {
  const message = document.querySelector('[data-focus]');
  if (message) message.focus();

  for (const image of document.querySelectorAll('img[data-avatar]')) {
    image.addEventListener('error', () => image.remove());
  }

  for (const form of document.querySelectorAll('form')) {
    form.addEventListener('submit', (event) => {
      const question = form.getAttribute('data-confirm');
      if (question && !window.confirm(question)) {
        event.preventDefault();
        return;
      }
      for (const button of form.querySelectorAll('button[type="submit"]')) {
        // After the event: disabling first would drop the button from the submission.
        setTimeout(() => button.setAttribute('disabled', ''), 0);
      }
    });
  }

  const close = document.querySelector('[data-close]');
  if (close) {
    close.addEventListener('click', () => {
      if (window.opener) window.close();
      const hint = document.querySelector('[data-close-hint]');
      if (hint) hint.hidden = false;
    });
  }
})();
