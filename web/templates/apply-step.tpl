{{%AUTOESCAPE context="HTML"}}{{!-- One step of a form: generic, from the product's schema and presentation. --}}
<a class="utrecht-link back-link" href="{{BACK_HREF}}">{{t_apply_back}}</a>
<p class="utrecht-paragraph apply-progress">{{PRODUCT}} · {{PROGRESS}}</p>
{{#ERRORS}}<div class="utrecht-alert utrecht-alert--error error-summary" role="alert" tabindex="-1" id="fouten">
<h2 class="utrecht-heading-2">{{t_apply_error_summary}}</h2>
<ul class="utrecht-unordered-list">
{{#ERROR}}<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="{{HREF}}">{{MESSAGE}}</a></li>
{{/ERROR}}
</ul>
</div>
{{/ERRORS}}
<form method="post" action="{{ACTION}}" novalidate class="apply-form">
<input type="hidden" name="csrf" value="{{CSRF}}">
{{#RETURN}}<input type="hidden" name="terug" value="{{TO}}">
{{/RETURN}}
<h1 class="utrecht-heading-1">{{TITLE}}</h1>
{{#FIELD}}<div class="utrecht-form-field{{#INVALID}} utrecht-form-field--invalid{{/INVALID}}"{{#CONDITIONAL}} data-show-if="{{FIELD}}" data-equals="{{EQUALS}}"{{/CONDITIONAL}}>
{{#CHOICE}}<fieldset class="utrecht-form-fieldset"{{#DESCRIBED_BY}} aria-describedby="{{IDS}}"{{/DESCRIBED_BY}}>
<legend class="utrecht-form-fieldset__legend utrecht-form-label">{{LABEL}}</legend>
{{/CHOICE}}{{#INPUT}}<label class="utrecht-form-label" for="{{ID}}">{{LABEL}}</label>
{{/INPUT}}{{#TEXTAREA}}<label class="utrecht-form-label" for="{{ID}}">{{LABEL}}</label>
{{/TEXTAREA}}{{#CONDITIONAL}}<p class="utrecht-form-field-description" id="{{ID}}-when">{{TEXT}}</p>
{{/CONDITIONAL}}{{#HINT}}<p class="utrecht-form-field-description" id="{{ID}}-hint">{{TEXT}}</p>
{{/HINT}}{{#INVALID}}<p class="utrecht-form-field-error-message" id="{{ID}}-error"><span class="visually-hidden">{{t_error_prefix}} </span>{{MESSAGE}}</p>
{{/INVALID}}{{#INPUT}}<input class="utrecht-textbox{{#INVALID_INPUT}} utrecht-textbox--invalid{{/INVALID_INPUT}}" id="{{ID}}" name="{{NAME}}" type="{{TYPE}}" value="{{VALUE}}"{{#NUMERIC}} inputmode="numeric"{{/NUMERIC}}{{#AUTOCOMPLETE}} autocomplete="{{TOKEN}}"{{/AUTOCOMPLETE}}{{#DESCRIBED_BY}} aria-describedby="{{IDS}}"{{/DESCRIBED_BY}}{{#INVALID_INPUT}} aria-invalid="true"{{/INVALID_INPUT}}>
{{/INPUT}}{{#TEXTAREA}}<textarea class="utrecht-textarea{{#INVALID_INPUT}} utrecht-textarea--invalid{{/INVALID_INPUT}}" id="{{ID}}" name="{{NAME}}" rows="5"{{#DESCRIBED_BY}} aria-describedby="{{IDS}}"{{/DESCRIBED_BY}}{{#INVALID_INPUT}} aria-invalid="true"{{/INVALID_INPUT}}>{{VALUE}}</textarea>
{{/TEXTAREA}}{{#CHOICE}}{{#OPTION}}<div class="choice">
<input class="utrecht-{{TYPE}}" id="{{ID}}" name="{{NAME}}" type="{{TYPE}}" value="{{VALUE}}"{{#CHECKED}} checked{{/CHECKED}}{{#INVALID_INPUT}} aria-invalid="true"{{/INVALID_INPUT}}>
<label class="utrecht-form-label utrecht-form-label--{{TYPE}}" for="{{ID}}">{{LABEL}}</label>
</div>
{{/OPTION}}</fieldset>
{{/CHOICE}}</div>
{{/FIELD}}
<div class="utrecht-button-group">
<button type="submit" class="utrecht-button utrecht-button--primary-action">{{t_apply_next}}</button>
</div>
</form>
