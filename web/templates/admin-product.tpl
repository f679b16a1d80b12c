{{%AUTOESCAPE context="HTML"}}{{!-- An administrator changes one product and publishes it as a new version; the preview shows the form as a resident will see it. --}}
<a class="utrecht-link back-link" href="/beheer/{{ORG}}/producten">{{t_admin_products_back}}</a>
<h1 class="utrecht-heading-1">{{NAME}}</h1>
{{#PUBLISHED}}<div class="utrecht-alert utrecht-alert--ok" role="status"><p class="utrecht-paragraph">{{TEXT}}</p></div>
{{/PUBLISHED}}{{#UNCHANGED}}<div class="utrecht-alert" role="status"><p class="utrecht-paragraph">{{t_admin_product_unchanged}}</p></div>
{{/UNCHANGED}}{{#ERRORS}}<div class="utrecht-alert utrecht-alert--error error-summary" role="alert" tabindex="-1" id="fouten">
<h2 class="utrecht-heading-2">{{t_admin_product_errors}}</h2>
<ul class="utrecht-unordered-list">
{{#ERROR}}<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="{{HREF}}">{{MESSAGE}}</a></li>
{{/ERROR}}</ul>
</div>
{{/ERRORS}}<p class="utrecht-paragraph">{{t_admin_product_intro}}</p>
<form method="post" action="/beheer/{{ORG}}/producten/{{ID}}" class="utrecht-form admin-product" novalidate data-updated="{{t_admin_product_live_updated}}" data-refused="{{t_admin_product_live_refused}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<fieldset class="utrecht-form-fieldset{{#INVALID_name}} utrecht-form-fieldset--invalid{{/INVALID_name}}"><legend class="utrecht-form-fieldset__legend">{{t_admin_product_name}}</legend>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-name-nl">{{t_admin_product_dutch}}</label>
<input class="utrecht-textbox" id="product-name-nl" name="name_nl" type="text" maxlength="200" value="{{NAME_NL}}"{{#INVALID_name}} aria-invalid="true"{{/INVALID_name}}></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-name-en">{{t_admin_product_english}}</label>
<input class="utrecht-textbox" id="product-name-en" name="name_en" type="text" maxlength="200" lang="en" value="{{NAME_EN}}"{{#INVALID_name}} aria-invalid="true"{{/INVALID_name}}></div>
</fieldset>
<fieldset class="utrecht-form-fieldset{{#INVALID_summary}} utrecht-form-fieldset--invalid{{/INVALID_summary}}"><legend class="utrecht-form-fieldset__legend">{{t_admin_product_summary}}</legend>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-summary-nl">{{t_admin_product_dutch}}</label>
<textarea class="utrecht-textarea" id="product-summary-nl" name="summary_nl" rows="3"{{#INVALID_summary}} aria-invalid="true"{{/INVALID_summary}}>{{SUMMARY_NL}}</textarea></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-summary-en">{{t_admin_product_english}}</label>
<textarea class="utrecht-textarea" id="product-summary-en" name="summary_en" rows="3" lang="en"{{#INVALID_summary}} aria-invalid="true"{{/INVALID_summary}}>{{SUMMARY_EN}}</textarea></div>
</fieldset>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-term">{{t_admin_product_term}}</label>
<p class="utrecht-form-field-description" id="product-term-hint">{{t_admin_product_term_hint}}</p>
<input class="utrecht-textbox" id="product-term" name="term" type="text" maxlength="20" value="{{TERM}}" aria-describedby="product-term-hint"{{#INVALID_term}} aria-invalid="true"{{/INVALID_term}}></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-extension">{{t_admin_product_extension}}</label>
<p class="utrecht-form-field-description" id="product-extension-hint">{{t_admin_product_extension_hint}}</p>
<input class="utrecht-textbox" id="product-extension" name="extension" type="text" maxlength="20" value="{{EXTENSION}}" aria-describedby="product-extension-hint"{{#INVALID_extension}} aria-invalid="true"{{/INVALID_extension}}></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-decided-by">{{t_admin_product_decided}}</label>
<select class="utrecht-select" id="product-decided-by" name="decided_by"{{#INVALID_decidedBy}} aria-invalid="true"{{/INVALID_decidedBy}}>{{#DECIDED}}<option value="{{VALUE}}"{{#SELECTED}} selected{{/SELECTED}}>{{LABEL}}</option>{{/DECIDED}}</select></div>
<fieldset class="utrecht-form-fieldset{{#INVALID_fee}} utrecht-form-fieldset--invalid{{/INVALID_fee}}"><legend class="utrecht-form-fieldset__legend">{{t_admin_product_fee}}</legend>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-fee-amount">{{t_admin_product_fee_amount}}</label>
<p class="utrecht-form-field-description" id="product-fee-hint">{{t_admin_product_fee_hint}}</p>
<input class="utrecht-textbox" id="product-fee-amount" name="fee_amount" type="text" inputmode="decimal" maxlength="12" value="{{FEE_AMOUNT}}" aria-describedby="product-fee-hint"{{#INVALID_fee}} aria-invalid="true"{{/INVALID_fee}}></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-fee-text-nl">{{t_admin_product_fee_text}} ({{t_admin_product_dutch}})</label>
<textarea class="utrecht-textarea" id="product-fee-text-nl" name="fee_text_nl" rows="2">{{FEE_TEXT_NL}}</textarea></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-fee-text-en">{{t_admin_product_fee_text}} ({{t_admin_product_english}})</label>
<textarea class="utrecht-textarea" id="product-fee-text-en" name="fee_text_en" rows="2" lang="en">{{FEE_TEXT_EN}}</textarea></div>
</fieldset>
<fieldset class="utrecht-form-fieldset admin-product__rows{{#INVALID_statuses}} utrecht-form-fieldset--invalid{{/INVALID_statuses}}" id="product-statuses" tabindex="-1"><legend class="utrecht-form-fieldset__legend">{{t_admin_product_statuses}}</legend>
<p class="utrecht-form-field-description">{{t_admin_product_statuses_hint}}</p>
{{#STATUS}}<fieldset class="utrecht-form-fieldset admin-product__row"><legend class="utrecht-form-fieldset__legend">{{#NEW}}{{t_admin_product_status_new}}{{/NEW}}{{#OLD}}{{t_admin_product_status}} {{N}}{{/OLD}}</legend>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-status-{{I}}-name-nl">{{t_admin_product_status_name}} ({{t_admin_product_dutch}})</label>
<input class="utrecht-textbox" id="product-status-{{I}}-name-nl" name="status-{{I}}-name-nl" type="text" maxlength="200" value="{{NAME_NL}}"></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-status-{{I}}-name-en">{{t_admin_product_status_name}} ({{t_admin_product_english}})</label>
<input class="utrecht-textbox" id="product-status-{{I}}-name-en" name="status-{{I}}-name-en" type="text" maxlength="200" lang="en" value="{{NAME_EN}}"></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-status-{{I}}-text-nl">{{t_admin_product_status_text}} ({{t_admin_product_dutch}})</label>
<textarea class="utrecht-textarea" id="product-status-{{I}}-text-nl" name="status-{{I}}-text-nl" rows="2">{{TEXT_NL}}</textarea></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-status-{{I}}-text-en">{{t_admin_product_status_text}} ({{t_admin_product_english}})</label>
<textarea class="utrecht-textarea" id="product-status-{{I}}-text-en" name="status-{{I}}-text-en" rows="2" lang="en">{{TEXT_EN}}</textarea></div>
<div class="utrecht-form-field utrecht-form-field--checkbox"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="product-status-{{I}}-notify" name="status-{{I}}-notify" value="1"{{#NOTIFY}} checked{{/NOTIFY}}> <label class="utrecht-form-label" for="product-status-{{I}}-notify">{{t_admin_product_status_notify}}</label></div>
</fieldset>
{{/STATUS}}</fieldset>
<fieldset class="utrecht-form-fieldset admin-product__rows{{#INVALID_documents}} utrecht-form-fieldset--invalid{{/INVALID_documents}}" id="product-documents" tabindex="-1"><legend class="utrecht-form-fieldset__legend">{{t_admin_product_documents}}</legend>
<p class="utrecht-form-field-description">{{t_admin_product_documents_hint}}</p>
{{#DOCUMENT}}<fieldset class="utrecht-form-fieldset admin-product__row"><legend class="utrecht-form-fieldset__legend">{{#NEW}}{{t_admin_product_document_new}}{{/NEW}}{{#OLD}}{{t_admin_product_document}} {{N}}{{/OLD}}</legend>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-document-{{I}}-name-nl">{{t_admin_product_document_name}} ({{t_admin_product_dutch}})</label>
<input class="utrecht-textbox" id="product-document-{{I}}-name-nl" name="document-{{I}}-name-nl" type="text" maxlength="200" value="{{NAME_NL}}"></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-document-{{I}}-name-en">{{t_admin_product_document_name}} ({{t_admin_product_english}})</label>
<input class="utrecht-textbox" id="product-document-{{I}}-name-en" name="document-{{I}}-name-en" type="text" maxlength="200" lang="en" value="{{NAME_EN}}"></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-document-{{I}}-hint-nl">{{t_admin_product_document_hint}} ({{t_admin_product_dutch}})</label>
<input class="utrecht-textbox" id="product-document-{{I}}-hint-nl" name="document-{{I}}-hint-nl" type="text" maxlength="500" value="{{HINT_NL}}"></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-document-{{I}}-hint-en">{{t_admin_product_document_hint}} ({{t_admin_product_english}})</label>
<input class="utrecht-textbox" id="product-document-{{I}}-hint-en" name="document-{{I}}-hint-en" type="text" maxlength="500" lang="en" value="{{HINT_EN}}"></div>
<div class="utrecht-form-field utrecht-form-field--checkbox"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="product-document-{{I}}-required" name="document-{{I}}-required" value="1"{{#REQUIRED}} checked{{/REQUIRED}}> <label class="utrecht-form-label" for="product-document-{{I}}-required">{{t_admin_product_document_required}}</label></div>
</fieldset>
{{/DOCUMENT}}</fieldset>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-form">{{t_admin_product_form}}</label>
<p class="utrecht-form-field-description" id="product-form-hint">{{t_admin_product_form_hint}}</p>
<textarea class="utrecht-textarea admin-product__json" id="product-form" name="form" rows="16" spellcheck="false" aria-describedby="product-form-hint"{{#INVALID_form}} aria-invalid="true"{{/INVALID_form}}>{{FORM}}</textarea></div>
<div class="utrecht-form-field"><label class="utrecht-form-label" for="product-automation">{{t_admin_product_automation}}</label>
<p class="utrecht-form-field-description" id="product-automation-hint">{{t_admin_product_automation_hint}}</p>
<textarea class="utrecht-textarea admin-product__json" id="product-automation" name="automation" rows="10" spellcheck="false" aria-describedby="product-automation-hint"{{#INVALID_automation}} aria-invalid="true"{{/INVALID_automation}}>{{AUTOMATION}}</textarea></div>
<div class="utrecht-button-group">
<button type="submit" name="action" value="voorbeeld" class="utrecht-button utrecht-button--secondary-action">{{t_admin_product_preview}}</button>
<button type="submit" name="action" value="publiceren" class="utrecht-button utrecht-button--primary-action">{{t_admin_product_publish}}</button>
</div>
</form>
{{#NO_PREVIEW}}<p class="utrecht-paragraph admin-product__no-preview">{{t_admin_product_no_preview}}</p>
{{/NO_PREVIEW}}{{#PREVIEW}}<section class="admin-product__preview" aria-labelledby="voorbeeld">
<h2 class="utrecht-heading-2" id="voorbeeld">{{t_admin_product_preview_title}}</h2>
{{#STEP}}<h3 class="utrecht-heading-3">{{TITLE}}</h3>
{{#QUESTION}}<div class="utrecht-form-field">
{{#INPUT}}<label class="utrecht-form-label" for="{{ID}}">{{LABEL}}</label>
{{/INPUT}}{{#TEXTAREA}}<label class="utrecht-form-label" for="{{ID}}">{{LABEL}}</label>
{{/TEXTAREA}}{{#CHOICES}}<p class="utrecht-form-label" id="{{ID}}">{{LABEL}}</p>
{{/CHOICES}}{{#WHEN}}<p class="utrecht-form-field-description">{{TEXT}}</p>
{{/WHEN}}{{#HINT}}<p class="utrecht-form-field-description">{{TEXT}}</p>
{{/HINT}}{{#INPUT}}<input class="utrecht-textbox" id="{{ID}}" type="text" disabled>
{{/INPUT}}{{#TEXTAREA}}<textarea class="utrecht-textarea" id="{{ID}}" rows="3" disabled></textarea>
{{/TEXTAREA}}{{#CHOICES}}<ul class="utrecht-unordered-list" aria-labelledby="{{ID}}">{{#CHOICE}}<li>{{LABEL}}</li>{{/CHOICE}}</ul>
{{/CHOICES}}</div>
{{/QUESTION}}{{/STEP}}</section>
{{/PREVIEW}}<h2 class="utrecht-heading-2">{{t_admin_product_versions}}</h2>
{{#NO_VERSIONS}}<p class="utrecht-paragraph">{{t_admin_product_no_versions}}</p>
{{/NO_VERSIONS}}<ul class="utrecht-unordered-list">
{{#VERSION}}<li class="utrecht-unordered-list__item">{{t_admin_product_version}} {{NUMBER}}: {{DATE}}, {{BY}} ({{t_admin_products_form}} {{FORM_VERSION}})</li>
{{/VERSION}}</ul>
