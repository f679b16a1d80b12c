{{%AUTOESCAPE context="HTML"}}{{!-- Objecting to a decision: the decision, the term, and the objection's grounds. --}}
<p class="utrecht-paragraph"><a class="utrecht-link" href="/mijn-zaken/{{CASE}}">{{t_objection_back}}</a></p>
<h1 class="utrecht-heading-1">{{t_objection_title}}</h1>
{{#ERRORS}}<div class="utrecht-alert utrecht-alert--error" role="alert" tabindex="-1" id="error-summary">
<div class="utrecht-alert__message">
<h2 class="utrecht-heading-2">{{t_error_summary}}</h2>
<ul class="utrecht-unordered-list">{{#ERROR}}<li>{{MESSAGE}}</li>{{/ERROR}}</ul>
</div>
</div>
{{/ERRORS}}
<dl class="utrecht-data-list">
<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_objection_decision}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{TYPE}} ({{IDENTIFICATION}}), {{DATE}}</dd></div>
{{#WINDOW}}<div class="utrecht-data-list__item"><dt class="utrecht-data-list__item-key">{{t_objection_until}}</dt><dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{{UNTIL}}</dd></div>
{{/WINDOW}}
</dl>
<form method="post" action="/mijn-zaken/{{CASE}}/besluiten/{{DECISION}}/bezwaar" novalidate>
<input type="hidden" name="csrf" value="{{CSRF}}">
<div class="utrecht-form-field{{#INVALID_grounds}} utrecht-form-field--invalid{{/INVALID_grounds}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="grounds">{{t_objection_grounds}}</label></div>
<div class="utrecht-form-field__description utrecht-form-field-description" id="grounds-hint">{{t_objection_grounds_hint}}</div>
<div class="utrecht-form-field__input"><textarea class="utrecht-textarea utrecht-textarea--html-textarea" id="grounds" name="grounds" rows="6" maxlength="4000" aria-describedby="grounds-hint"{{#INVALID_grounds}} aria-invalid="true"{{/INVALID_grounds}}>{{GROUNDS}}</textarea></div></div>
<div class="utrecht-form-field{{#INVALID_email}} utrecht-form-field--invalid{{/INVALID_email}}"><div class="utrecht-form-field__label"><label class="utrecht-form-label" for="email">{{t_objection_email}}</label></div>
<div class="utrecht-form-field__input"><input class="utrecht-textbox utrecht-textbox--html-input" type="email" id="email" name="email" autocomplete="email" value="{{EMAIL}}"{{#INVALID_email}} aria-invalid="true"{{/INVALID_email}}></div></div>
<fieldset class="utrecht-form-fieldset"><legend class="utrecht-form-fieldset__legend">{{t_objection_hearing}}</legend>
<div class="utrecht-form-field utrecht-form-field--radio"><input class="utrecht-radio-button" type="radio" id="hearing-ja" name="hearing" value="ja"{{#HEARING_YES}} checked{{/HEARING_YES}}> <label class="utrecht-form-label" for="hearing-ja">{{t_objection_hearing_yes}}</label></div>
<div class="utrecht-form-field utrecht-form-field--radio"><input class="utrecht-radio-button" type="radio" id="hearing-nee" name="hearing" value="nee"{{#HEARING_NO}} checked{{/HEARING_NO}}> <label class="utrecht-form-label" for="hearing-nee">{{t_objection_hearing_no}}</label></div>
</fieldset>
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_objection_submit}}</button>
</form>
