// Enhancement only: every page works without this. It turns on govuk-frontend's components
// (error summary focus, radios, details), which need a class on <body> that CSP forbids inline.
import { initAll, isSupported } from '/assets/govuk-frontend.min.js';

document.body.classList.add('js-enabled');
if ('noModule' in HTMLScriptElement.prototype) document.body.classList.add('govuk-frontend-supported');
if (isSupported()) initAll();
