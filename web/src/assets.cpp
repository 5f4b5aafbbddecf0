#include "assets.h"

namespace waymark::web {

// A small stand-in for govuk-frontend's styles, using its class names so its CSS can replace this.
std::string_view stylesheet() {
  return R"css(
*, *::before, *::after { box-sizing: border-box; }
body { margin: 0; font-family: Arial, Helvetica, sans-serif; font-size: 19px; line-height: 1.32; color: #0b0c0c; background: #fff; }
a, .govuk-link { color: #1d70b8; }
a:visited { color: #4c2c92; }
a:focus, input:focus, textarea:focus, button:focus, summary:focus { outline: 3px solid #fd0; outline-offset: 0; background-color: #fd0; box-shadow: 0 4px #0b0c0c; }
.govuk-skip-link { position: absolute; left: -9999px; }
.govuk-skip-link:focus { position: static; display: block; padding: 10px; }
.govuk-header { background: #0b0c0c; color: #fff; padding: 10px 0; border-bottom: 10px solid #1d70b8; }
.govuk-header__link { color: #fff; font-weight: 700; font-size: 24px; text-decoration: none; }
.govuk-header__service { margin-left: 12px; }
.govuk-width-container { max-width: 960px; margin: 0 15px; }
@media (min-width: 990px) { .govuk-width-container { margin: 0 auto; } }
.govuk-main-wrapper { padding: 20px 0 40px; }
.govuk-footer { border-top: 1px solid #b1b4b6; background: #f3f2f1; padding: 25px 0; font-size: 16px; }
.govuk-back-link { display: inline-block; margin-top: 15px; font-size: 16px; color: #0b0c0c; }
.govuk-back-link::before { content: "\2039  "; }
.govuk-heading-l, .govuk-fieldset__heading, .govuk-label--l { font-size: 36px; font-weight: 700; margin: 0 0 30px; display: block; }
.govuk-label-wrapper { margin: 0; }
.govuk-heading-m { font-size: 24px; font-weight: 700; margin: 30px 0 15px; }
.govuk-heading-s { font-size: 19px; font-weight: 700; margin: 0 0 15px; }
.govuk-caption-l { display: block; color: #505a5f; font-size: 24px; margin-bottom: 5px; }
.govuk-body { margin: 0 0 20px; }
.govuk-body-s { font-size: 16px; margin: 0 0 15px; }
.govuk-hint { color: #505a5f; margin-bottom: 15px; }
.govuk-visually-hidden { position: absolute !important; width: 1px !important; height: 1px !important; overflow: hidden !important; clip: rect(0 0 0 0) !important; white-space: nowrap !important; }
.govuk-form-group { margin-bottom: 30px; }
.govuk-form-group--error { border-left: 5px solid #d4351c; padding-left: 15px; }
.govuk-error-message { color: #d4351c; font-weight: 700; margin: 0 0 15px; }
.govuk-error-summary { border: 5px solid #d4351c; padding: 20px; margin-bottom: 30px; }
.govuk-error-summary__title { font-size: 24px; margin: 0 0 15px; }
.govuk-error-summary__list a { color: #d4351c; font-weight: 700; }
.govuk-fieldset { border: 0; margin: 0; padding: 0; }
.govuk-fieldset__legend { padding: 0; }
.govuk-fieldset__legend--s { font-weight: 700; margin-bottom: 10px; }
.govuk-label { display: block; margin-bottom: 5px; }
.govuk-radios__item, .govuk-checkboxes__item { display: flex; align-items: center; margin-bottom: 10px; }
.govuk-radios--inline .govuk-radios__item { display: inline-flex; margin-right: 20px; }
.govuk-radios__input, .govuk-checkboxes__input { width: 32px; height: 32px; margin: 0 10px 0 0; }
.govuk-radios__label, .govuk-checkboxes__label { margin: 0; }
.govuk-checkboxes__divider { margin: 10px 0; }
.govuk-input, .govuk-textarea { font: inherit; border: 2px solid #0b0c0c; padding: 5px; }
.govuk-textarea { width: 100%; }
.govuk-input--width-2 { width: 3.5em; } .govuk-input--width-4 { width: 5.5em; } .govuk-input--width-5 { width: 6.5em; } .govuk-input--width-20 { width: 100%; max-width: 20em; }
.govuk-date-input__item { display: inline-block; margin-right: 20px; }
.govuk-button { display: inline-block; font: inherit; font-weight: 400; color: #fff; background: #00703c; border: 2px solid transparent; box-shadow: 0 2px 0 #002d18; padding: 8px 10px 7px; margin: 0 0 32px; cursor: pointer; text-decoration: none; }
.govuk-button:visited { color: #fff; }
.govuk-button--secondary { color: #0b0c0c; background: #f3f2f1; box-shadow: 0 2px 0 #929191; }
.govuk-button--start { font-weight: 700; font-size: 24px; }
.govuk-details__summary { color: #1d70b8; text-decoration: underline; cursor: pointer; }
.govuk-details__text { border-left: 5px solid #b1b4b6; padding: 15px 15px 0 20px; margin-top: 10px; }
.govuk-details { margin-bottom: 30px; }
.govuk-summary-list { margin: 0 0 30px; }
.govuk-summary-list__row { display: flex; flex-wrap: wrap; border-bottom: 1px solid #b1b4b6; padding: 10px 0; }
.govuk-summary-list__key { font-weight: 700; flex: 0 0 35%; margin: 0; padding-right: 20px; }
.govuk-summary-list__value { flex: 1 1 45%; margin: 0; }
.govuk-summary-list__actions { flex: 0 0 auto; margin: 0; text-align: right; }
.govuk-table { width: 100%; border-collapse: collapse; margin-bottom: 40px; }
.govuk-table__header, .govuk-table__cell { text-align: left; border-bottom: 1px solid #b1b4b6; padding: 10px 20px 10px 0; vertical-align: top; }
.govuk-tag { display: inline-block; padding: 2px 8px; font-size: 16px; font-weight: 700; background: #d2e2f1; color: #0c2d4a; }
.govuk-tag--red { background: #f4cdc6; color: #2a0b06; }
.govuk-tag--orange { background: #fcd6c3; color: #6e3619; }
.govuk-tag--grey { background: #e5e6e7; color: #0c0c0c; }
.govuk-inset-text { border-left: 10px solid #b1b4b6; padding: 15px; margin: 0 0 20px; }
.govuk-list { padding: 0; margin: 0; list-style: none; }
.govuk-list--bullet { padding-left: 20px; list-style: disc; }
.waymark-action { border-top: 2px solid #1d70b8; padding-top: 15px; margin-bottom: 30px; }
@media print {
  .govuk-header, .govuk-footer, .govuk-back-link, .govuk-skip-link, .govuk-button, .waymark-no-print, form { display: none !important; }
  body { font-size: 12pt; }
  a { color: #0b0c0c; }
}
)css";
}

}  // namespace waymark::web
