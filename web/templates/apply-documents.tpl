{{%AUTOESCAPE context="HTML"}}{{!-- The documents step of a form: a plain file input per document the product asks for (multipart, works without JavaScript); apply.js adds upload progress. --}}
<a class="utrecht-link back-link" href="{{BACK_HREF}}">{{t_apply_back}}</a>
<p class="utrecht-paragraph apply-progress">{{PRODUCT}}</p>
{{#ERRORS}}<div class="utrecht-alert utrecht-alert--error error-summary" role="alert" tabindex="-1" id="fouten">
<h2 class="utrecht-heading-2">{{t_apply_error_summary}}</h2>
<ul class="utrecht-unordered-list">
{{#ERROR}}<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="{{HREF}}">{{MESSAGE}}</a></li>
{{/ERROR}}
</ul>
</div>
{{/ERRORS}}
<form method="post" action="{{ACTION}}" enctype="multipart/form-data" novalidate class="apply-form" data-upload data-max-bytes="{{MAX_BYTES}}" data-too-large="{{TOO_LARGE}}">
<input type="hidden" name="csrf" value="{{CSRF}}">
<h1 class="utrecht-heading-1">{{t_apply_upload_title}}</h1>
<p class="utrecht-paragraph">{{LIMITS}}</p>
{{#SLOT}}<div class="utrecht-form-field{{#INVALID}} utrecht-form-field--invalid{{/INVALID}}">
<label class="utrecht-form-label" for="{{ID}}">{{NAME}}{{#OPTIONAL}} {{t_apply_upload_optional}}{{/OPTIONAL}}</label>
{{#HINT}}<p class="utrecht-form-field-description" id="{{ID}}-hint">{{TEXT}}</p>
{{/HINT}}{{#INVALID}}<p class="utrecht-form-field-error-message" id="{{ID}}-error"><span class="visually-hidden">{{t_error_prefix}} </span>{{MESSAGE}}</p>
{{/INVALID}}{{#UPLOADED}}<ul class="utrecht-unordered-list upload-list">
{{#FILE}}<li class="utrecht-unordered-list__item">{{FILENAME}} ({{SIZE}}){{#STATE}} – {{TEXT}}{{/STATE}}
<button type="submit" class="utrecht-button utrecht-button--subtle" name="verwijder" value="{{UUID}}">{{t_apply_upload_remove}}<span class="visually-hidden"> {{FILENAME}}</span></button></li>
{{/FILE}}</ul>
{{/UPLOADED}}<input class="utrecht-textbox upload-input" id="{{ID}}" name="{{FIELD}}" type="file" accept="{{ACCEPT}}"{{#DESCRIBED_BY}} aria-describedby="{{IDS}}"{{/DESCRIBED_BY}}{{#INVALID}} aria-invalid="true"{{/INVALID}}>
</div>
{{/SLOT}}
<p class="upload-progress" hidden><label for="upload-progress">{{t_apply_upload_progress}}</label> <progress id="upload-progress" max="100" value="0"></progress></p>
<div class="utrecht-button-group">
<button type="submit" class="utrecht-button utrecht-button--primary-action" name="actie" value="verder">{{t_apply_next}}</button>
<button type="submit" class="utrecht-button utrecht-button--secondary-action" name="actie" value="toevoegen">{{t_apply_upload_add}}</button>
</div>
</form>
